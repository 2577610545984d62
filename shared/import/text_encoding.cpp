#include "shared/import/text_encoding.hpp"

#include <cstdint>
#include <cstring>

namespace tirage {

namespace {
// Windows-1252 bytes 0x80-0x9F; the five undefined ones map to the C1
// controls of the same value, as the WHATWG Encoding Standard does.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}
}  // namespace

const char* encoding_name(TextEncoding e) {
  switch (e) {
    case TextEncoding::utf8: return "utf-8";
    case TextEncoding::utf8_bom: return "utf-8-bom";
    case TextEncoding::utf16le: return "utf-16le";
    case TextEncoding::utf16be: return "utf-16be";
    case TextEncoding::windows1252: return "windows-1252";
  }
  return "utf-8";
}

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs dominate participant files: skip them 8 bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const std::uint8_t c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;        // no overlongs
      else if (c == 0xED) hi = 0x9F;   // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;   // <= U+10FFFF
    } else {
      return false;
    }
    if (i + len > n) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

TextEncoding sniff_encoding(std::string_view bytes) {
  if (starts_with(bytes, "\xEF\xBB\xBF")) return TextEncoding::utf8_bom;
  if (starts_with(bytes, "\xFF\xFE")) return TextEncoding::utf16le;
  if (starts_with(bytes, "\xFE\xFF")) return TextEncoding::utf16be;
  return is_valid_utf8(bytes) ? TextEncoding::utf8 : TextEncoding::windows1252;
}

std::string_view to_utf8(std::string_view bytes, TextEncoding e, std::string& storage) {
  storage.clear();
  switch (e) {
    case TextEncoding::utf8:
      return bytes;
    case TextEncoding::utf8_bom:
      bytes.remove_prefix(starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0);
      if (is_valid_utf8(bytes)) return bytes;
      // A BOM on invalid UTF-8: keep what is valid, mark the rest.
      for (std::size_t i = 0; i < bytes.size();) {
        std::size_t j = i + 1;
        while (j < bytes.size() && (static_cast<std::uint8_t>(bytes[j]) & 0xC0) == 0x80 && j - i < 4) ++j;
        if (is_valid_utf8(bytes.substr(i, j - i))) storage.append(bytes.substr(i, j - i));
        else append_utf8(storage, 0xFFFD);
        i = j;
      }
      return storage;
    case TextEncoding::windows1252:
      storage.reserve(bytes.size() + bytes.size() / 8);
      for (char ch : bytes) {
        const auto c = static_cast<std::uint8_t>(ch);
        if (c < 0x80) storage.push_back(ch);
        else if (c < 0xA0) append_utf8(storage, kCp1252High[c - 0x80]);
        else append_utf8(storage, c);  // 0xA0-0xFF are Latin-1
      }
      return storage;
    case TextEncoding::utf16le:
    case TextEncoding::utf16be: {
      const bool le = e == TextEncoding::utf16le;
      std::size_t i = starts_with(bytes, le ? "\xFF\xFE" : "\xFE\xFF") ? 2 : 0;
      storage.reserve(bytes.size());
      auto unit = [&](std::size_t at) {
        const auto a = static_cast<std::uint8_t>(bytes[at]), b = static_cast<std::uint8_t>(bytes[at + 1]);
        return static_cast<char32_t>(le ? (a | (b << 8)) : ((a << 8) | b));
      };
      while (i + 1 < bytes.size()) {
        char32_t u = unit(i);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < bytes.size()) {
          const char32_t low = unit(i);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
          }
        }
        append_utf8(storage, u);  // a lone surrogate becomes U+FFFD there
      }
      if (i < bytes.size()) append_utf8(storage, 0xFFFD);  // odd trailing byte
      return storage;
    }
  }
  return bytes;
}

}  // namespace tirage
