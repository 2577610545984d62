// Our cookies (the session, the OAuth browser binding): HttpOnly,
// SameSite=Lax, Path=/; over https also Secure and named with the "__Host-"
// prefix, so the browser keeps them to this exact host and neither a
// subdomain nor a plain-http page can plant or overwrite them.
#pragma once

#include <string>
#include <string_view>

#include "shared/core/time.hpp"

namespace tirage::server {

// The name a cookie has on a request that came over https or not.
std::string cookie_name(std::string_view base, bool https);

// The Set-Cookie value for base=value; max_age 0 clears it.
std::string set_cookie(std::string_view base, const std::string& value, UnixSeconds max_age, bool https);

}  // namespace tirage::server
