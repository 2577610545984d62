// HTTPS to the platforms: one keep-alive connection per base URL, bounded
// bodies, timeouts, and the answer's headers lowercased for the usage readers.
// Debian's cpp-httplib is built with CPPHTTPLIB_OPENSSL_SUPPORT (its pkg-config
// Cflags), so https:// URLs work as for the drand client, with certificate checks.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/imports/platform_requests.hpp"
#include "shared/platforms/platform_failure.hpp"

namespace tirage::server {

struct HttpReply {
  int status = 0;
  std::string body;
  HeaderMap headers;  // lowercased names
};

class PlatformHttp {
 public:
  explicit PlatformHttp(int timeout_ms) : timeout_ms_(timeout_ms) {}
  // Sends request to base_url with the bearer token; 'platform_unreachable' on a transport failure
  // (refused, reset, timeout, body over the page bound). Any HTTP status is a reply.
  Result<HttpReply> send(const std::string& base_url, const ApiRequest& request, const std::string& token);

 private:
  httplib::Client& client(const std::string& base_url);
  int timeout_ms_;
  std::mutex mutex_;  // one request at a time per PlatformHttp (one import worker uses it)
  std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

}  // namespace tirage::server
