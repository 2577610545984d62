// Meta Graph cursor paging (api-reference.md 1.3), shared by the Instagram and
// Facebook parsers: the end is "no paging.next", whatever the page size.
#pragma once

#include <optional>
#include <string>

#include "shared/platforms/platform_json.hpp"

namespace tirage {

// The `after` cursor when paging.next is present, nullopt at the end.
std::optional<std::string> meta_next_cursor(JsonReader& r, const Json& parent, const std::string& path);

// A caption or title cut to at most max bytes on a UTF-8 boundary, for pickers.
std::string cut_utf8(const std::string& s, std::size_t max);

}  // namespace tirage
