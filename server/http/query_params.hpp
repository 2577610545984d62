// Query parameters as the routes read them: a string (empty when absent) and
// a non-negative integer (an error naming the parameter otherwise).
#pragma once

#include <httplib.h>

#include <cstdint>
#include <string>

#include "shared/core/result.hpp"

namespace tirage::server {

// The parameter's value, empty when absent.
std::string query_param(const httplib::Request& req, const char* name);
// The parameter as a non-negative integer of at most 18 digits; 'bad_request' otherwise (absent too).
Result<std::uint64_t> uint_query_param(const httplib::Request& req, const char* name);

}  // namespace tirage::server
