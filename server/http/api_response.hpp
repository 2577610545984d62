// JSON in and out of cpp-httplib handlers: bounded bodies, error values
// mapped to HTTP statuses, and the {"error": {"code", "message"}} shape.
#pragma once

#include <httplib.h>

#include "server/http/request_limits.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// The HTTP status shared/core/error_codes.def gives a code (500 for one it does not hold).
int status_for(const std::string& code);

void send_json(httplib::Response& res, int status, const Json& body);
// Sends {"error":{"code","message"}} with the status for its code.
void send_error(httplib::Response& res, const Error& error);

// The value of a cookie the request carries, empty when absent.
std::string request_cookie(const httplib::Request& req, const std::string& name);

// The request body as JSON within request_json_limits(); errors name what was wrong (type, size, syntax, depth).
Result<Json> read_json_body(const httplib::Request& req);

}  // namespace tirage::server
