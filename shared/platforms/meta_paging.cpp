#include "shared/platforms/meta_paging.hpp"

namespace tirage {

std::optional<std::string> meta_next_cursor(JsonReader& r, const Json& parent, const std::string& path) {
  const Json* paging = r.object(parent, "paging", JsonPath(path, ".paging"), false);
  if (!paging) return std::nullopt;
  const std::string next = r.string(*paging, "next", JsonPath(path, ".paging.next"), false, 8192);
  if (next.empty()) return std::nullopt;
  std::string after;
  if (const Json* cursors = r.object(*paging, "cursors", JsonPath(path, ".paging.cursors"), false))
    after = r.string(*cursors, "after", JsonPath(path, ".paging.cursors.after"), false, 2048);
  if (after.empty()) {
    // Some edges give only the next link; its after= parameter is the cursor.
    const auto pos = next.find("after=");
    if (pos != std::string::npos && (pos == 0 || next[pos - 1] == '?' || next[pos - 1] == '&')) {
      after = next.substr(pos + 6, next.find('&', pos) == std::string::npos ? std::string::npos
                                                                              : next.find('&', pos) - pos - 6);
    }
  }
  if (after.empty()) {
    r.fail(JsonPath(path, ".paging").str(), "a next page is announced without an after cursor");
    return std::nullopt;
  }
  return after;
}

std::string cut_utf8(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

}  // namespace tirage
