// The public verification page, /v/{draw_id}: server-rendered HTML that is
// readable without JavaScript (title, organizer, dates, status, winners, the
// organizer's other draws of the same list, post or giveaway), in FR, EN, ES or DE, with Open Graph tags; a
// small script then runs every check of docs/protocol.md section 8 in the browser
// with the Wasm verifier (web/verify/verify-page.js).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "server/pages/inclusion_section.hpp"
#include "shared/protocol/beacon.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// The page's language: ?lang= if it is one of fr, en, es, de, else the first
// of those in Accept-Language, else English.
std::string page_language(const std::string& query_lang, const std::string& accept_language);

// The page for a draw's public view (DrawService::public_view, with its related
// commitments); drand_relays are the drand HTTP relays the browser re-checks a
// drand beacon against; inclusion says which "Was I in the draw?" checks the draw
// offers; drand_chains is the chain this server pins when it is not quicknet (a
// test chain).
std::string render_verify_page(const Json& view, const std::string& language,
                               const std::string& public_url, const std::vector<std::string>& drand_relays,
                               const InclusionChecks& inclusion, std::span<const DrandChain> drand_chains = {});

// Escapes text for HTML element content and attribute values.
std::string escape_html(const std::string& text);

}  // namespace tirage::server
