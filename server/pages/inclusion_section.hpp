// The verify page's "Was I in the draw?" section: the check by handle when
// the organizer published a handle index (with its privacy cost said in
// plain words), and the check of an exact entry. Both forms are hidden until
// the page's script shows them (web/verify/verify-page.js); they check every
// proof in the browser.
#pragma once

#include <string>
#include <vector>

#include "server/pages/page_strings.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct InclusionChecks {
  std::vector<std::string> handle_platforms;  // of the draw's complete handle index; empty: no check by handle
  int lookups_per_minute = 0;                 // per client address, by leaf and by handle together
};

// The section's HTML for the draw id and its commitment statement.
std::string render_inclusion_section(const PageStrings& t, const std::string& draw_id, const Json& statement,
                                     const InclusionChecks& checks);

// The keys of the strings the section's script needs.
const std::vector<const char*>& inclusion_script_strings();

}  // namespace tirage::server
