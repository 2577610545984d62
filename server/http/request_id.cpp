#include "server/http/request_id.hpp"

#include "server/random.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

std::string new_request_id() { return random_id("req_"); }

std::string ensure_request_id(httplib::Response& res) {
  if (res.has_header(kRequestIdHeader)) return res.get_header_value(kRequestIdHeader);
  const std::string id = new_request_id();
  res.set_header(kRequestIdHeader, id);
  // An error body made outside send_error (a route's own shape, the error handler's) names it too.
  if (res.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    auto body = parse_json(res.body);
    if (body && body->is_object() && body->contains("error") && (*body)["error"].is_object()) {
      (*body)["error"]["request_id"] = id;
      res.set_content(body->dump(), "application/json");
    }
  }
  return id;
}

}  // namespace tirage::server
