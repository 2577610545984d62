// Every bound the server puts on what one request may hold, in one place
// (docs/deploy.md lists them with the connection and thread limits of
// server/http/connection_front.hpp).
#pragma once

#include <cstddef>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

inline constexpr std::size_t kMaxJsonBody = 1 << 20;          // 1 MiB: the largest result body is far smaller
inline constexpr std::size_t kMaxBody = kMaxJsonBody + 4096;  // any body, decoded (a leaf-hash chunk is 1 MiB)
inline constexpr std::size_t kMaxRequestLine = 8192;          // method, target and version
inline constexpr std::size_t kMaxHeaderBytes = 32 * 1024;     // all header lines together (and a chunked body's trailers)
inline constexpr std::size_t kMaxHeaders = 100;
inline constexpr std::size_t kMaxJsonString = 64 * 1024;      // one string or member name in a JSON body
inline constexpr std::size_t kMaxRulesBytes = 64 * 1024;      // a draw's "rules", as canonical JSON
inline constexpr std::size_t kMaxRulesDepth = 8;              // rules_to_json's records nest 2 deep

// The parse limits of a JSON request body (depth kMaxJsonDepth, strings kMaxJsonString).
JsonLimits request_json_limits();

// The "rules" member of a create-draw body, when present, within kMaxRulesBytes and kMaxRulesDepth.
Status check_rules_limits(const Json& draw_body);

}  // namespace tirage::server
