#include "shared/platforms/platform.hpp"

namespace tirage {

std::string_view platform_name(Platform p) {
  switch (p) {
    case Platform::instagram: return "instagram";
    case Platform::facebook: return "facebook";
    case Platform::youtube: return "youtube";
    case Platform::x: return "x";
    case Platform::tiktok: return "tiktok";
  }
  return "unknown";
}

Result<Platform> platform_from_name(std::string_view name) {
  for (Platform p : {Platform::instagram, Platform::facebook, Platform::youtube, Platform::x, Platform::tiktok})
    if (platform_name(p) == name) return p;
  return make_error("bad_platform", "unknown platform \"" + std::string(name.substr(0, 40)) +
                                        "\" (expected instagram, facebook, youtube, x or tiktok)");
}

}  // namespace tirage
