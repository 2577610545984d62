// Text bytes of unknown encoding to UTF-8: a BOM decides (UTF-8, UTF-16LE,
// UTF-16BE); otherwise valid UTF-8 stays as it is and anything else is read
// as Windows-1252 (what Excel saves CSV files in on European Windows).
//
//   std::string storage;
//   auto enc = sniff_encoding(bytes);
//   std::string_view text = to_utf8(bytes, enc, storage);   // no copy for UTF-8
#pragma once

#include <string>
#include <string_view>

namespace tirage {

enum class TextEncoding { utf8, utf8_bom, utf16le, utf16be, windows1252 };

// "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252".
const char* encoding_name(TextEncoding e);

// True when bytes are well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// The encoding of bytes, by BOM first, then by UTF-8 validity.
TextEncoding sniff_encoding(std::string_view bytes);

// bytes as UTF-8 without the BOM; a view into bytes when no conversion is
// needed, else into storage. Unpaired UTF-16 surrogates become U+FFFD.
std::string_view to_utf8(std::string_view bytes, TextEncoding e, std::string& storage);

// Appends the UTF-8 form of code point cp (U+FFFD when cp is not a scalar value).
void append_utf8(std::string& out, char32_t cp);

}  // namespace tirage
