// "Check by handle" (docs/protocol.md section 9): a platform entry's lookup key,
// from the handle a participant sees on the platform, so they can find their
// own entries without knowing their numeric user id.
//
//   auto key = handle_key("instagram", "@Foo.Bar");   // same key as "foo.bar"
#pragma once

#include <cstddef>
#include <string_view>

#include "shared/core/hex.hpp"
#include "shared/core/result.hpp"

namespace tirage {

// A handle index holds no user id or name longer than this (bytes): platform
// ids and handles are far shorter, and the server bounds what it stores.
inline constexpr std::size_t kMaxHandleFieldBytes = 256;

// H("tirage/handle/v1" || 0x00 || platform || 0x00 || normalize_handle(handle)),
// for a known platform other than `list`; the error names the field at fault.
Result<Hash> handle_key(std::string_view platform, std::string_view handle);

}  // namespace tirage
