// Percent-encoding (RFC 3986 section 2.1) of query values and
// application/x-www-form-urlencoded bodies, for every HTTP client we have.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tirage {

// s with every byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~) as %XX, upper-case hex.
std::string percent_encode(std::string_view s);

// name=value&... for the pairs, in order, each side percent-encoded.
std::string form_urlencode(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace tirage
