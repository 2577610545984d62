#include "shared/protocol/entry.hpp"

#include <algorithm>
#include <array>

#include "shared/protocol/unicode.hpp"

namespace tirage {

namespace {
constexpr std::array<std::string_view, 6> kPlatforms = {"instagram", "facebook", "x",
                                                        "youtube",   "tiktok",   "list"};

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}
}  // namespace

bool is_known_platform(std::string_view platform) {
  return std::find(kPlatforms.begin(), kPlatforms.end(), platform) != kPlatforms.end();
}

Result<Entry> normalize_entry(Entry raw) {
  if (!is_known_platform(raw.platform))
    return make_error("bad_entry", "field \"platform\": unknown platform \"" + raw.platform.substr(0, 40) +
                                       "\" (expected instagram, facebook, x, youtube, tiktok or list)");
  auto id = nfc(trim(raw.id));
  if (!id) return make_error("bad_entry", "field \"id\": " + id.error().message);
  auto name = nfc(raw.name);
  if (!name) return make_error("bad_entry", "field \"name\": " + name.error().message);
  Entry e{std::move(raw.platform), std::move(*id), std::move(*name)};
  if (e.platform == "list") {
    // Every leading '@' and space goes, not just one: normalizing must be
    // idempotent, or a published entry ("@@x" -> "@x") would not be in
    // normalized form and could never be accepted as a winner.
    std::size_t start = 0;
    while (start < e.id.size() && (e.id[start] == '@' || is_space(static_cast<unsigned char>(e.id[start])))) ++start;
    e.id.erase(0, start);
    for (char& c : e.id)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (e.id.empty()) return make_error("bad_entry", "field \"id\": empty after normalization");
  return e;
}

Json entry_to_json(const Entry& e) {
  return Json{{"id", e.id}, {"name", e.name}, {"platform", e.platform}};
}

Result<Entry> entry_from_json(const Json& j) {
  if (!j.is_object()) return make_error("bad_entry", "an entry must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "platform" && it.key() != "id" && it.key() != "name")
      return make_error("bad_entry", "unknown field \"" + it.key().substr(0, 40) + "\"");
  }
  Entry e;
  for (auto [field, dest] : {std::pair{"platform", &e.platform}, {"id", &e.id}, {"name", &e.name}}) {
    auto it = j.find(field);
    if (it == j.end()) return make_error("bad_entry", std::string("missing field \"") + field + "\"");
    if (!it->is_string()) return make_error("bad_entry", std::string("field \"") + field + "\" must be a string");
    *dest = it->get<std::string>();
  }
  return e;
}

std::string leaf(const Entry& e) {
  // Fields are valid UTF-8 strings, so JCS cannot fail here.
  return *jcs(entry_to_json(e));
}

Result<ParticipantList> build_participant_list(std::vector<Entry> raw) {
  // Keys are built once; a stable sort keeps the first of equal keys first,
  // so dropping later neighbours keeps the first occurrence.
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto e = normalize_entry(std::move(raw[i]));
    if (!e) return make_error(e.error().code, "entry " + std::to_string(i + 1) + ": " + e.error().message);
    raw[i] = std::move(*e);
    keyed.emplace_back(raw[i].key(), i);
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ParticipantList list;
  list.entries.reserve(keyed.size());
  for (std::size_t k = 0; k < keyed.size(); ++k) {
    if (k > 0 && keyed[k].first == keyed[k - 1].first) {
      ++list.duplicates_dropped;
      continue;
    }
    list.entries.push_back(std::move(raw[keyed[k].second]));
  }
  return list;
}

}  // namespace tirage
