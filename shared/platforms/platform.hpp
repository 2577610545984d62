// The social platforms Tirage imports comments from, and their names on the
// wire ("instagram", "facebook", "youtube", "x", "tiktok").
#pragma once

#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage {

enum class Platform { instagram, facebook, youtube, x, tiktok };

// The lowercase name used in JSON and URLs.
std::string_view platform_name(Platform p);

// The platform for a name; the error lists the names we know.
Result<Platform> platform_from_name(std::string_view name);

}  // namespace tirage
