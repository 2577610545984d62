// Integration test harness: real processes on real ports with temporary data
// folders. Starts tirage-server (and fakes), talks to it over HTTP, stops it
// with SIGTERM or kills it with SIGKILL.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "shared/protocol/jcs.hpp"

namespace tirage::testing {

// A port nobody listens on right now.
int free_port();

// A fresh empty folder under the system temp dir, removed by the caller.
std::string make_temp_dir(const std::string& tag);

// A child process with its output in a file.
class Process {
 public:
  Process() = default;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() { kill_now(); }
  // Starts argv[0] with the arguments; stdout and stderr go to log_path.
  void start(const std::vector<std::string>& argv, const std::string& log_path);
  void signal(int sig);
  // Waits for the exit and returns the exit status (or 128 + signal).
  int wait();
  void kill_now();
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // True (and reaped) when the process has already exited.
  bool exited();

 private:
  pid_t pid_ = -1;
};

// tests/fakes/fake_drand.py on a free port (flags: --fail N, --slow-ms MS, ...), stopped when destroyed.
// Runs drand_test_signer (tests/fakes/drand_test_signer.cpp) with args; its output.
std::string drand_signer(const std::string& args);

// tests/fakes/fake_drand.py serving the test chain whose rounds
// drand_test_signer really signs; flags are fake_drand.py's own.
struct FakeDrand {
  explicit FakeDrand(std::vector<std::string> flags = {});
  ~FakeDrand();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  // The served chain's info file, for the server's and the tool's --drand-chain.
  std::string chain_file() const { return dir + "/chain.json"; }
  Process process;
  int port;
  std::string dir;
};

struct HttpAnswer {
  int status = 0;
  Json body;
  std::map<std::string, std::string> headers;
  std::string raw;
};

// A tirage-server under test.
class ServerUnderTest {
 public:
  explicit ServerUnderTest(std::vector<std::string> extra_args = {});
  ~ServerUnderTest();
  // Starts (or restarts) the server on its port and waits until /healthz answers.
  void start();
  // SIGTERM and wait; returns the exit status.
  int stop();
  // SIGKILL, as a crash would.
  void crash();

  const std::string& data_dir() const { return data_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  // The server process, for tests that watch its memory and CPU time (-1 when stopped).
  pid_t pid() const { return process_.pid(); }
  std::string log() const;

  // Creates a verified organizer with an API key (the operator command), on the Business plan so
  // suites about other things meet no plan limit (tests/integration/billing_test.cpp tests the limits),
  // or on `plan`.
  std::string add_organizer(const std::string& email, const std::string& plan = "business");

  HttpAnswer get(const std::string& path, const httplib::Headers& headers = {}) const;
  HttpAnswer post(const std::string& path, const Json& body, const httplib::Headers& headers = {}) const;
  HttpAnswer post_raw(const std::string& path, const std::string& body, const std::string& type,
                      const httplib::Headers& headers = {}) const;
  HttpAnswer del(const std::string& path, const httplib::Headers& headers = {}) const;

 private:
  std::vector<std::string> extra_;
  std::string data_;
  int port_;
  Process process_;
};

httplib::Headers bearer(const std::string& key);

// Runs a command through /bin/sh; returns its exit code and puts stdout in out.
int run(const std::string& command, std::string* out = nullptr);

// JSON Lines of n list participants named "Fan 0".."Fan n-1", written to path.
void write_participants(const std::string& path, int n);

// A create-draw body for the participants file at path, with K winners and M alternates.
Json draw_body(const std::string& participants_path, int winners, int alternates, const std::string& beacon,
               const std::string& giveaway = "g_test");

// Waits until the draw's beacon value exists (polling /selection with Retry-After).
void wait_for_beacon(const ServerUnderTest& server, const std::string& draw_id);

// The result body {"winners","alternates"} that `tirage draw` makes for the draw.
Json result_body_from_tool(const ServerUnderTest& server, const std::string& draw_id, const std::string& participants_path,
                           int winners, int alternates);

// Runs the second verifier (tests/verifier_py/verify.py, Python, written from docs/protocol.md
// alone) on bundle with keys as the trusted key set, both written into dir; returns its exit
// code (0 verified, 1 not, 2 bad input) and puts its output in out. extra_args go on its command line.
int run_python_verifier(const Json& bundle, const Json& keys, const std::string& dir, std::string* out,
                        const std::string& extra_args = "");

}  // namespace tirage::testing
