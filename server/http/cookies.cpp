#include "server/http/cookies.hpp"

namespace tirage::server {

std::string cookie_name(std::string_view base, bool https) { return (https ? "__Host-" : "") + std::string(base); }

std::string set_cookie(std::string_view base, const std::string& value, UnixSeconds max_age, bool https) {
  return cookie_name(base, https) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age) +
         (https ? "; Secure" : "");
}

}  // namespace tirage::server
