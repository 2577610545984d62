// The parts of the verify page about outcome shopping (issue 13): the other
// commitments by the same organizer of the same list, post or giveaway, each
// with its status, and what an abandoned draw drew. Server-rendered, so they
// read without JavaScript.
#pragma once

#include <string>

#include "server/pages/page_strings.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// The "other draws" section for a public view's "related" array (DrawService::public_view).
std::string render_related_section(const Json& view, const PageStrings& t);

// "Winners at positions 3, 17" (and the alternates' line) for {"winners": [...], "alternates": [...]}
// of 0-based indices, as 1-based positions; a <ul class="selected"> list.
std::string render_selected_positions(const Json& selected, const PageStrings& t);

}  // namespace tirage::server
