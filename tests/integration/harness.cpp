#include "tests/integration/harness.hpp"

#include "tests/integration/api_record.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tirage::testing {

namespace fs = std::filesystem;

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string make_temp_dir(const std::string& tag) {
  static int counter = 0;
  fs::path p = fs::temp_directory_path() /
               ("tirage-it-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

void Process::start(const std::vector<std::string>& argv, const std::string& log_path) {
  pid_ = ::fork();
  if (pid_ == 0) {
    FILE* f = std::fopen(log_path.c_str(), "a");
    if (f) {
      ::dup2(fileno(f), 1);
      ::dup2(fileno(f), 2);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::perror("execv");
    ::_exit(127);
  }
}

void Process::signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

int Process::wait() {
  if (pid_ <= 0) return -1;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool Process::exited() {
  if (pid_ <= 0) return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return true;
  }
  return false;
}

void Process::kill_now() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    wait();
  }
}

std::string drand_signer(const std::string& args) {
  std::string out;
  if (run(std::string("'") + TIRAGE_DRAND_SIGNER + "' " + args, &out) != 0)
    throw std::runtime_error("drand_test_signer " + args + " failed: " + out);
  return out;
}

FakeDrand::FakeDrand(std::vector<std::string> flags) : port(free_port()), dir(make_temp_dir("drand")) {
  std::string name = "tirage-test";
  for (std::size_t i = 0; i + 1 < flags.size(); ++i)
    if (flags[i] == "--name") name = flags[i + 1];
  std::ofstream(chain_file()) << drand_signer("info --name " + name);
  std::vector<std::string> argv = {"/usr/bin/python3", std::string(TIRAGE_FAKES) + "/fake_drand.py", "--port",
                                   std::to_string(port), "--signer", TIRAGE_DRAND_SIGNER};
  argv.insert(argv.end(), flags.begin(), flags.end());
  process.start(argv, dir + "/drand.log");
  httplib::Client c("127.0.0.1", port);
  for (int i = 0; i < 100; ++i) {
    if (auto r = c.Get("/stats")) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

FakeDrand::~FakeDrand() {
  process.kill_now();
  fs::remove_all(dir);
}

ServerUnderTest::ServerUnderTest(std::vector<std::string> extra_args)
    : extra_(std::move(extra_args)), data_(make_temp_dir("server")), port_(free_port()) {}

ServerUnderTest::~ServerUnderTest() {
  process_.kill_now();
  fs::remove_all(data_);
}

void ServerUnderTest::start() {
  std::vector<std::string> argv = {TIRAGE_SERVER, "--listen", "127.0.0.1:" + std::to_string(port_), "--data", data_ + "/data",
                                   "--public-url", url()};
  bool has_beacon = false;
  for (const auto& a : extra_) has_beacon = has_beacon || a == "--beacon";
  if (!has_beacon) argv.insert(argv.end(), {"--beacon", "local"});
  argv.insert(argv.end(), extra_.begin(), extra_.end());
  process_.start(argv, data_ + "/server.log");
  httplib::Client c(url());
  for (int i = 0; i < 200 && !process_.exited(); ++i) {
    if (auto r = c.Get("/healthz"); r && r->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("tirage-server did not start; its log:\n" + log());
}

int ServerUnderTest::stop() {
  process_.signal(SIGTERM);
  return process_.wait();
}

void ServerUnderTest::crash() {
  process_.signal(SIGKILL);
  process_.wait();
}

std::string ServerUnderTest::log() const {
  std::ifstream in(data_ + "/server.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ServerUnderTest::add_organizer(const std::string& email, const std::string& plan) {
  std::string out;
  const std::string cmd = std::string("'") + TIRAGE_SERVER + "' user add --data '" + data_ + "/data' --email '" + email +
                          "' --password 'a long enough password' --api-key --plan '" + plan + "' 2>>'" + data_ + "/server.log'";
  if (run(cmd, &out) != 0) throw std::runtime_error("user add failed: " + log());
  auto nl = out.rfind("tk_");
  return out.substr(nl, 67);
}

namespace {
HttpAnswer answer(const char* method, const std::string& path, const httplib::Result& r) {
  record_api_answer(method, path, r);
  HttpAnswer a;
  if (!r) {
    a.status = -1;
    a.raw = httplib::to_string(r.error());
    return a;
  }
  a.status = r->status;
  a.raw = r->body;
  for (const auto& [k, v] : r->headers) a.headers[k] = v;
  auto j = parse_json(r->body);
  if (j) a.body = *j;
  return a;
}
}  // namespace

HttpAnswer ServerUnderTest::get(const std::string& path, const httplib::Headers& headers) const {
  httplib::Client c(url());
  c.set_read_timeout(30, 0);
  return answer("GET", path, c.Get(path.c_str(), headers));
}

HttpAnswer ServerUnderTest::post(const std::string& path, const Json& body, const httplib::Headers& headers) const {
  return post_raw(path, body.dump(), "application/json", headers);
}

HttpAnswer ServerUnderTest::post_raw(const std::string& path, const std::string& body, const std::string& type,
                                     const httplib::Headers& headers) const {
  httplib::Client c(url());
  c.set_read_timeout(30, 0);
  return answer("POST", path, c.Post(path.c_str(), headers, body, type.c_str()));
}

HttpAnswer ServerUnderTest::del(const std::string& path, const httplib::Headers& headers) const {
  httplib::Client c(url());
  return answer("DELETE", path, c.Delete(path.c_str(), headers));
}

httplib::Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

int run(const std::string& command, std::string* out) {
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int status = ::pclose(p);
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void write_participants(const std::string& path, int n) {
  std::ofstream f(path);
  for (int i = 0; i < n; ++i) f << "{\"platform\":\"list\",\"id\":\"@Fan" << i << "\",\"name\":\"Fan " << i << "\"}\n";
}

Json draw_body(const std::string& participants_path, int winners, int alternates, const std::string& beacon,
               const std::string& giveaway) {
  std::string out;
  if (run(std::string("'") + TIRAGE_CLI + "' participants '" + participants_path + "'", &out) != 0)
    throw std::runtime_error("tirage participants failed");
  Json p = *parse_json(out);
  return Json{{"giveaway_id", giveaway},
              {"title", "Concours de Noël"},
              {"participants_root", p["participants_root"]},
              {"participants_count", p["participants_count"]},
              {"winners", winners},
              {"alternates", alternates},
              {"rules", Json{{"one_entry_per", "person"}}},
              {"beacon", Json{{"source", beacon}}}};
}

void wait_for_beacon(const ServerUnderTest& server, const std::string& draw_id) {
  for (int i = 0; i < 60; ++i) {
    auto r = server.get("/api/v1/draws/" + draw_id + "/selection");
    if (r.status == 200) return;
    if (r.status != 409 && r.status != 503) throw std::runtime_error("selection answered " + r.raw);
    const int wait = r.headers.count("Retry-After") ? std::atoi(r.headers["Retry-After"].c_str()) : 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::max(1, std::min(wait, 5)) * 1000 / 2));
  }
  throw std::runtime_error("the beacon never arrived");
}

Json result_body_from_tool(const ServerUnderTest& server, const std::string& draw_id, const std::string& participants_path,
                           int winners, int alternates) {
  auto view = server.get("/api/v1/draws/" + draw_id);
  std::string out;
  const std::string cmd = std::string("'") + TIRAGE_CLI + "' draw --participants '" + participants_path +
                          "' --winners " + std::to_string(winners) + " --alternates " + std::to_string(alternates) +
                          " --commitment-hash " + view.body["commitment_hash"].get<std::string>() + " --beacon " +
                          view.body["beacon_value"].get<std::string>();
  if (run(cmd, &out) != 0) throw std::runtime_error("tirage draw failed: " + cmd);
  Json drawn = *parse_json(out);
  return Json{{"winners", drawn["winners"]}, {"alternates", drawn["alternates"]}};
}

int run_python_verifier(const Json& bundle, const Json& keys, const std::string& dir, std::string* out,
                        const std::string& extra_args) {
  static int counter = 0;
  const std::string n = std::to_string(counter++);
  const std::string bundle_path = dir + "/py-bundle-" + n + ".json", keys_path = dir + "/py-keys-" + n + ".json";
  std::ofstream(bundle_path) << bundle.dump();
  std::ofstream(keys_path) << keys.dump();
  return run(std::string("/usr/bin/python3 '") + TIRAGE_REPO + "/tests/verifier_py/verify.py' '" + bundle_path +
                 "' --keys '" + keys_path + "' " + extra_args + " 2>&1",
             out);
}

}  // namespace tirage::testing
