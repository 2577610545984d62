// The server's JSON API as the app uses it: the session's CSRF token on
// every change, and every failure turned into a sentence for the organizer.
// Requests and the clock go through a replaceable Transport (api/transport.hpp):
// the browser's in the app, a scripted fake in tests.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "shared/protocol/jcs.hpp"
#include "wasm/app/api/transport.hpp"

namespace tirage::app {

struct ApiReply {
  int status = 0;
  Json body;            // the parsed answer (null when it was not JSON)
  std::string code;     // the server's error code, "offline" when unreachable, empty on success
  std::string message;  // what went wrong, for the organizer
  std::string retry_after;
  bool ok() const { return status >= 200 && status < 300; }
};

// The string at j[key] in a server answer, or fallback when j is not an object or the field is missing or not a string.
std::string text_field(const Json& j, std::string_view key, std::string fallback = "");

class ApiClient {
 public:
  // Where requests go and the time comes from; must outlive this client. Without one, every request answers "offline".
  void set_transport(Transport& transport) { transport_ = &transport; }
  // The transport's wall clock (seconds since the epoch); 0 without a transport.
  double now() const { return transport_ ? transport_->now() : 0; }

  // The CSRF token the login answered; empty when logged out.
  void set_csrf(std::string token) { csrf_ = std::move(token); }
  bool has_session() const { return !csrf_.empty(); }

  void get(std::string_view path, std::function<void(ApiReply)> done);
  void post(std::string_view path, const Json& body, std::function<void(ApiReply)> done);
  void del(std::string_view path, std::function<void(ApiReply)> done);
  // Raw bytes (the leaf hashes upload).
  void post_bytes(std::string_view path, std::string_view bytes, std::function<void(ApiReply)> done);

 private:
  void send(std::string_view method, std::string_view path, std::string_view type, std::string_view body,
            std::function<void(ApiReply)> done);
  Transport* transport_ = nullptr;
  std::string csrf_;
};

}  // namespace tirage::app
