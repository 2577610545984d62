// JCS (RFC 8785) serialization of protocol values.
//
// Protocol objects hold only strings, integers in [0, 2^53), booleans, arrays
// and objects (docs/protocol.md, Notation), so number formatting is integer-only:
// floats, negative numbers and null are rejected rather than guessed at.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "shared/core/result.hpp"

namespace tirage {

using Json = nlohmann::json;

// How deep JSON may nest, as parsed and as canonicalized: real protocol values
// nest about 6 deep; recursion stays bounded whatever a value holds.
inline constexpr std::size_t kMaxJsonDepth = 64;

// The canonical UTF-8 bytes of value; the error names the JSON path at fault
// (a value nested deeper than kMaxJsonDepth is an error, not a deep recursion).
Result<std::string> jcs(const Json& value);

// Appends the JCS form of a string that is valid UTF-8 (quotes and escapes):
// for hot paths that serialize fixed shapes without building a Json.
void jcs_append_string(std::string_view utf8, std::string& out);

// Bounds on JSON text, checked while it is parsed: nothing deeper or longer is
// ever built, so hostile nesting costs one pass over the text.
struct JsonLimits {
  std::size_t max_bytes = 64u << 20;   // the whole text (saved work in the browser can hold large lists)
  std::size_t max_depth = kMaxJsonDepth;
  std::size_t max_string = 1u << 20;   // one string or member name, in bytes
};

// Parses untrusted JSON text without throwing, within limits; errors ("bad_json",
// or "too_large" for the whole text) give line and column, or the limit passed.
Result<Json> parse_json(std::string_view text, const JsonLimits& limits = {});

// How deeply a value nests (a scalar is 0, [] and {} are 1), counted without recursion.
std::size_t json_depth(const Json& value);

}  // namespace tirage
