#include "server/http/api_response.hpp"

#include "server/http/request_id.hpp"
#include "server/log/event_log.hpp"
#include "shared/core/error_code.hpp"

namespace tirage::server {

int status_for(const std::string& code) { return error_http_status(error_code_from_name(code)); }

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, const Error& error) {
  const int status = status_for(error.code);
  // Internal details stay in the log; the client learns only that it failed, and the id that finds the log line.
  const std::string message = status >= 500 && status != 502 && status != 503 ? "internal error" : error.message;
  Json body{{"error", {{"code", error.code}, {"message", message}}}};
  if (status >= 500) {
    const std::string id = new_request_id();
    res.set_header(kRequestIdHeader, id);
    body["error"]["request_id"] = id;
    log_event("error", "server_error", {{"request_id", id}, {"code", error.code}, {"detail", error.message}});
  }
  send_json(res, status, body);
}

std::string request_cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

Result<Json> read_json_body(const httplib::Request& req) {
  if (req.body.size() > kMaxJsonBody) return make_error("too_large", "the body is larger than 1 MiB");
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    return make_error("unsupported_media_type", "send the body as application/json");
  auto j = parse_json(req.body, request_json_limits());
  if (!j) return j.error();
  return j;
}

}  // namespace tirage::server
