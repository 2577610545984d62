#include "shared/protocol/handle_key.hpp"

#include <string>

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/entry.hpp"

namespace tirage {

Result<Hash> handle_key(std::string_view platform, std::string_view handle) {
  if (!is_known_platform(platform) || platform == "list")
    return make_error("bad_request", "platform: \"" + std::string(platform.substr(0, 40)) +
                                         "\" is not one of instagram, facebook, x, youtube, tiktok");
  auto normal = normalize_handle(std::string(handle));
  if (!normal) return normal.error();
  std::string input = "tirage/handle/v1";
  input.push_back('\0');
  input += platform;
  input.push_back('\0');
  input += *normal;
  return sha256(input);
}

}  // namespace tirage
