// What the app commits for a giveaway: the create body of POST /api/v1/draws
// (rules with the applied filters, the posts the list came from, the link to
// the giveaway post). No browser code, so it is tested natively.
#pragma once

#include <cstdint>
#include <string>

#include "shared/protocol/jcs.hpp"
#include "wasm/app/model/giveaway.hpp"

namespace tirage::app {

// The posts the list came from, as the commitment names them ([{"platform","post_id"}]);
// null for files and pasted lists, whose origin the server cannot name.
Json committed_sources(const Giveaway& g);

// The create body POST /api/v1/draws takes for g and its list's root and count.
Json create_draw_body(const Giveaway& g, const std::string& participants_root, std::uint64_t participants_count);

}  // namespace tirage::app
