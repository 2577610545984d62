// The public organizer page, /o/{organizer_id}: the organizer's draws per
// month with how many were published, are waiting or were abandoned, and their
// substitutions, then the latest draws with links to their verify pages.
// Server-rendered HTML in FR, EN, ES or DE, like /v/.
#pragma once

#include <string>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// The page for organizer_summary()'s JSON.
std::string render_organizer_page(const Json& summary, const std::string& language, const std::string& public_url);

}  // namespace tirage::server
