#include "server/http/query_params.hpp"

namespace tirage::server {

std::string query_param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : "";
}

Result<std::uint64_t> uint_query_param(const httplib::Request& req, const char* name) {
  const std::string v = query_param(req, name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    return make_error("bad_request", std::string("query parameter \"") + name + "\" must be a non-negative integer");
  return std::stoull(v);
}

}  // namespace tirage::server
