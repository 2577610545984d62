// The routes a server has, as registered. Route files register through a
// RouteTable, which hands each handler to cpp-httplib and remembers its method
// and pattern, so the API document can be checked against the routes that
// really exist (tests/integration/api_contract_test.cpp).
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace tirage::server {

struct RegisteredRoute {
  std::string method;   // GET, POST, DELETE
  std::string pattern;  // cpp-httplib's pattern: a regular expression, groups for path parameters
};

class RouteTable {
 public:
  explicit RouteTable(httplib::Server& http) : http_(http) {}
  // Named as cpp-httplib names them, so a route file reads the same either way.
  RouteTable& Get(const std::string& pattern, httplib::Server::Handler handler);
  RouteTable& Post(const std::string& pattern, httplib::Server::Handler handler);
  RouteTable& Delete(const std::string& pattern, httplib::Server::Handler handler);
  // The server itself, for what is not a route (mount points, MIME types).
  httplib::Server& server() { return http_; }
  const std::vector<RegisteredRoute>& routes() const { return routes_; }

 private:
  httplib::Server& http_;
  std::vector<RegisteredRoute> routes_;
};

// A pattern with its parameters written "{}" (`/api/v1/draws/([A-Za-z0-9_-]{1,100})` is `/api/v1/draws/{}`),
// for comparing with the paths of an OpenAPI document.
std::string route_template(const std::string& pattern);

}  // namespace tirage::server
