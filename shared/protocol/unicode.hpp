// UTF-8 validation and Unicode NFC through utf8proc (the same code in Wasm).
#pragma once

#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage {

// Ok when text is well-formed UTF-8; the error names the byte offset.
Status check_utf8(std::string_view text);

// NFC form of valid UTF-8 text.
Result<std::string> nfc(std::string_view text);

// Replaces text by its NFC form (ASCII, already NFC, is not copied); on error text is unchanged.
Status nfc_in_place(std::string& text);

}  // namespace tirage
