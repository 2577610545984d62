#include "shared/protocol/unicode.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace tirage {

Status check_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  std::size_t offset = 0;
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p + offset, left, &cp);
    if (n < 0 || cp < 0)
      return make_error("bad_utf8", "invalid UTF-8 at byte " + std::to_string(offset + 1));
    offset += static_cast<std::size_t>(n);
    left -= n;
  }
  return {};
}

namespace {
bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}
}  // namespace

Status nfc_in_place(std::string& text) {
  if (is_ascii(text)) return {};
  auto out = nfc(text);
  if (!out) return out.error();
  text = std::move(*out);
  return {};
}

Result<std::string> nfc(std::string_view text) {
  // ASCII is valid UTF-8 and already NFC: most handles and ids skip utf8proc.
  if (is_ascii(text)) return std::string(text);
  if (auto ok = check_utf8(text); !ok) return ok.error();
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &out,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (n < 0) return make_error("bad_utf8", std::string("cannot normalize text: ") + utf8proc_errmsg(n));
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

}  // namespace tirage
