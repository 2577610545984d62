#include "shared/filters/text_scan.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "shared/import/text_encoding.hpp"

namespace tirage {

namespace {
// The code point at text[i] and its length; (U+FFFD, 1) on a bad byte.
std::pair<char32_t, std::size_t> decode_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1};
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                  static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
  if (n <= 0 || cp < 0) return {0xFFFD, 1};
  return {static_cast<char32_t>(cp), static_cast<std::size_t>(n)};
}

bool is_word(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Is the code point ending just before byte i a word character?
bool word_before(std::string_view text, std::size_t i) {
  if (i == 0) return false;
  std::size_t b = i - 1;
  while (b > 0 && i - b < 4 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;
  return is_word(decode_at(text, b).first);
}

// Views of the words after each `sigil`; dots allowed inside when `dots`.
void find_after(std::string_view text, char sigil, bool dots, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t i = text.find(sigil);
  while (i != std::string_view::npos) {
    const std::size_t start = i + 1;
    std::size_t end = start;
    if (!word_before(text, i)) {
      while (end < text.size()) {
        const auto [cp, n] = decode_at(text, end);
        if (!(is_word(cp) || (dots && cp == '.'))) break;
        end += n;
      }
      while (dots && end > start && text[end - 1] == '.') --end;
      if (end > start) out.push_back(text.substr(start, end - start));
    }
    i = text.find(sigil, end > start ? end : start);
  }
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}
}  // namespace

void find_hashtags(std::string_view text, std::vector<std::string_view>& out) { find_after(text, '#', false, out); }

void find_mentions(std::string_view text, std::vector<std::string_view>& out) { find_after(text, '@', true, out); }

void fold_case_into(std::string_view text, std::string& out) {
  out.clear();
  if (!is_ascii(text) && is_valid_utf8(text)) {
    utf8proc_uint8_t* folded = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                static_cast<utf8proc_ssize_t>(text.size()), &folded,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(folded, &std::free);
    if (n >= 0) {
      out.assign(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
      return;
    }
  }
  out.assign(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

void account_key_into(std::string_view handle, std::string& out) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!handle.empty() && (space(handle.front()) || handle.front() == '@')) handle.remove_prefix(1);
  while (!handle.empty() && space(handle.back())) handle.remove_suffix(1);
  fold_case_into(handle, out);
}

std::string account_key(std::string_view handle) {
  std::string key;
  account_key_into(handle, key);
  return key;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace tirage
