// Reading comment text for the filters: #hashtags and @mentions (Unicode
// letters, marks and digits), case folding, and length in code points.
// ASCII text takes a fast path with no allocation; the rest goes through
// utf8proc, the same library natively and in Wasm.
//
//   std::vector<std::string_view> tags;
//   find_hashtags("Bravo #Noël!", tags);     // {"Noël"}
//   std::string key; fold_case_into("NOËL", key);   // "noël"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tirage {

// The #tags of text, without the '#', as views into text (cleared first).
// A '#' right after a letter or digit ("C#", "abc#x") starts no tag.
void find_hashtags(std::string_view text, std::vector<std::string_view>& out);

// The @mentions of text, without the '@' and without trailing dots, as views
// into text (cleared first). An '@' right after a letter or digit (an e-mail
// address) starts no mention.
void find_mentions(std::string_view text, std::vector<std::string_view>& out);

// out = the Unicode case folding of text (NFC); plain ASCII lowercasing when
// text is ASCII or not valid UTF-8.
void fold_case_into(std::string_view text, std::string& out);

// An account as the blocklist and mentions compare it: trimmed, leading '@'s
// dropped, case-folded.
std::string account_key(std::string_view handle);

// account_key into a buffer the caller reuses.
void account_key_into(std::string_view handle, std::string& out);

// Unicode code points in valid UTF-8 text (bytes that are not continuation bytes).
std::size_t count_code_points(std::string_view text);

}  // namespace tirage
