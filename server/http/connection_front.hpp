// The server's connections: one thread (the front) reads every request whole,
// without blocking, before any request thread sees it; request threads only
// run complete requests; answers the client is slow to take are finished by
// the front too. So clients that send slowly, send nothing, or never read
// their answer cost a little memory each, never a thread, and /healthz keeps
// answering.
//
// It sits under cpp-httplib's routing: FrontedServer is an httplib::Server
// whose accepted sockets go to the front instead of its thread pool; each
// complete request is handed to cpp-httplib's own request processing as a
// re-framed copy (server/http/request_framing.hpp), so routes, handlers,
// mount points and error handlers are unchanged.
//
// Limits (docs/deploy.md): FrontLimits below, and the request bounds of
// server/http/request_limits.hpp.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string_view>

#include "server/http/request_framing.hpp"

namespace tirage::server {

struct FrontLimits {
  int threads = 32;                    // request threads (--threads), plus stand-ins for outside waits (worker_pool.hpp)
  std::size_t max_connections = 4096;  // open at once (lowered to fit the process's file limit)
  std::chrono::milliseconds idle_timeout{5000};     // a connection with no request under way is closed after this
  std::chrono::milliseconds request_timeout{10000};  // first byte to last of a request's head and a small body...
  std::size_t min_body_rate = 16 * 1024;            // ...plus one second per this many body bytes received (slow links)
  std::chrono::milliseconds max_request_time{120000};  // ...and never longer than this
  std::chrono::milliseconds write_timeout{10000};   // an answer's bytes must move at least this often
  std::size_t max_buffered = 256u << 20;  // bytes held for all connections together (requests and answers)
  std::size_t max_requests_per_connection = 1000;
  FramingLimits framing = default_framing_limits();
};

// The decoded body of the request this thread is serving, as the front read it: readable already in
// cpp-httplib's pre-routing handler, which runs before cpp-httplib reads the body (server/http/api_gate.cpp).
// Empty outside a FrontedServer's request.
std::string_view body_in_flight();

class FrontedServer : public httplib::Server {
 public:
  explicit FrontedServer(FrontLimits limits = {});
  ~FrontedServer() override;
  FrontedServer(const FrontedServer&) = delete;
  FrontedServer& operator=(const FrontedServer&) = delete;

  const FrontLimits& limits() const;

 private:
  struct Front;
  class Queue;
  friend class FrontStream;
  // Called by cpp-httplib's accept loop for each accepted socket: hands it to the front.
  bool process_and_close_socket(socket_t sock) override;

  std::unique_ptr<Front> front_;
};

}  // namespace tirage::server
