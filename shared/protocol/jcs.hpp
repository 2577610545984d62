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

// The canonical UTF-8 bytes of value; the error names the JSON path at fault.
Result<std::string> jcs(const Json& value);

// Appends the JCS form of a string that is valid UTF-8 (quotes and escapes):
// for hot paths that serialize fixed shapes without building a Json.
void jcs_append_string(std::string_view utf8, std::string& out);

// Parses untrusted JSON text without throwing; the error gives line and column.
Result<Json> parse_json(std::string_view text);

}  // namespace tirage
