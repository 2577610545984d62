#include "server/http/route_table.hpp"

#include <utility>

namespace tirage::server {

RouteTable& RouteTable::Get(const std::string& pattern, httplib::Server::Handler handler) {
  routes_.push_back({"GET", pattern});
  http_.Get(pattern, std::move(handler));
  return *this;
}

RouteTable& RouteTable::Post(const std::string& pattern, httplib::Server::Handler handler) {
  routes_.push_back({"POST", pattern});
  http_.Post(pattern, std::move(handler));
  return *this;
}

RouteTable& RouteTable::Delete(const std::string& pattern, httplib::Server::Handler handler) {
  routes_.push_back({"DELETE", pattern});
  http_.Delete(pattern, std::move(handler));
  return *this;
}

std::string route_template(const std::string& pattern) {
  std::string out;
  int depth = 0;
  for (char c : pattern) {
    if (c == '(') {
      if (depth++ == 0) out += "{}";
    } else if (c == ')') {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

}  // namespace tirage::server
