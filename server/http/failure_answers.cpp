#include "server/http/failure_answers.hpp"

#include <exception>
#include <string>

#include "server/http/api_response.hpp"
#include "server/http/request_id.hpp"
#include "server/log/event_log.hpp"

namespace tirage::server {

void answer_failures(httplib::Server& http) {
  // cpp-httplib calls this for every answer of status 400 or more, before it is framed and sent.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty()) {
      if (res.status == 404)
        send_error(res, make_error("not_found", "no route for " + req.method + " " + req.path.substr(0, 200)));
      else if (res.status == 413)
        send_error(res, make_error("too_large", "the body is larger than the server accepts"));
      else
        send_json(res, res.status, Json{{"error", {{"code", "http_" + std::to_string(res.status)}, {"message", "request failed"}}}});
    }
    if (res.status >= 500) ensure_request_id(res);
  });
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_event("error", "exception", {{"path", req.path.substr(0, 200)}, {"what", what}});
    send_error(res, make_error("internal", what));
  });
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (res.status >= 500)
      log_event("error", "request", {{"method", req.method}, {"path", req.path.substr(0, 200)}, {"status", res.status},
                                     {"request_id", res.get_header_value(kRequestIdHeader)}});
  });
}

}  // namespace tirage::server
