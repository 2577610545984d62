// The protocol's own member types, read through JsonFields (json_reader.hpp):
// hex hashes and RFC 3339 times are strings checked where they are read, so
// their errors carry the JSON path too ("result.seed: not 64 hex digits").
#pragma once

#include <optional>

#include "shared/core/hex.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/json_reader.hpp"

namespace tirage {

// A required 32-byte hash as 64 lowercase hex digits; zeros after a failure.
Hash read_hash(JsonFields& o, const char* name);
// A required RFC 3339 UTC time (docs/protocol.md, Notation); 0 after a failure.
UnixSeconds read_time(JsonFields& o, const char* name);
std::optional<UnixSeconds> read_optional_time(JsonFields& o, const char* name);
// A required array of hex hashes (an inclusion or consistency proof).
std::vector<Hash> read_hashes(JsonFields& o, const char* name);
// A required string that must be exactly `expected` (a statement's "type").
void read_constant(JsonFields& o, const char* name, const char* expected);

}  // namespace tirage
