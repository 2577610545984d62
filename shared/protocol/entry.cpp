#include "shared/protocol/entry.hpp"

#include <algorithm>
#include <array>

#include "shared/protocol/json_reader.hpp"
#include "shared/protocol/participant_list.hpp"
#include "shared/protocol/unicode.hpp"

namespace tirage {

namespace {
constexpr std::array<std::string_view, 6> kPlatforms = {"instagram", "facebook", "x",
                                                        "youtube",   "tiktok",   "list"};

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void trim_in_place(std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>(s[e - 1]))) --e;
  s.erase(e);
  s.erase(0, b);
}

// A handle's form once trimmed and in NFC: every leading '@' and space goes,
// not just one (normalizing must be idempotent, or a published entry
// "@@x" -> "@x" would not be in normalized form and could never be accepted
// as a winner), and ASCII letters are lowercased.
void handle_tail_in_place(std::string& s) {
  std::size_t start = 0;
  while (start < s.size() && (s[start] == '@' || is_space(static_cast<unsigned char>(s[start])))) ++start;
  s.erase(0, start);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}
}  // namespace

bool is_known_platform(std::string_view platform) {
  return std::find(kPlatforms.begin(), kPlatforms.end(), platform) != kPlatforms.end();
}

Result<Entry> normalize_entry(Entry raw) {
  if (!is_known_platform(raw.platform))
    return make_error("bad_entry", "field \"platform\": unknown platform \"" + raw.platform.substr(0, 40) +
                                       "\" (expected instagram, facebook, x, youtube, tiktok or list)");
  // In place: a million entries are normalized per big draw, and most are
  // ASCII, which NFC leaves as it is.
  Entry e = std::move(raw);
  trim_in_place(e.id);
  if (auto ok = nfc_in_place(e.id); !ok) return make_error("bad_entry", "field \"id\": " + ok.error().message);
  if (auto ok = nfc_in_place(e.name); !ok) return make_error("bad_entry", "field \"name\": " + ok.error().message);
  if (e.platform == "list") handle_tail_in_place(e.id);
  if (e.id.empty()) return make_error("bad_entry", "field \"id\": empty after normalization");
  return e;
}

Result<std::string> normalize_handle(std::string handle) {
  trim_in_place(handle);
  if (auto ok = nfc_in_place(handle); !ok) return make_error("bad_handle", "the handle: " + ok.error().message);
  handle_tail_in_place(handle);
  if (handle.empty()) return make_error("bad_handle", "the handle is empty once its leading '@'s are dropped");
  return handle;
}

Json entry_to_json(const Entry& e) {
  return Json{{"id", e.id}, {"name", e.name}, {"platform", e.platform}};
}

Result<Entry> entry_from_json(const Json& j, const std::string& path) {
  StrictJsonReader in("bad_entry");
  JsonFields o = in.object(j, path);
  Entry e;
  e.platform = o.string("platform");
  e.id = o.string("id");
  e.name = o.string("name");
  o.refuse_unknown();
  return in.finish(std::move(e));
}

std::string leaf(const Entry& e) {
  // JCS of {"id","name","platform"} written directly (the keys are already in
  // JCS order): a million leaves are hashed per big draw, and building a Json
  // for each was most of the time. The entry tests pin it to jcs(entry_to_json(e)).
  std::string out;
  leaf_into(e, out);
  return out;
}

void leaf_into(const Entry& e, std::string& out) {
  out.clear();
  out.reserve(e.id.size() + e.name.size() + e.platform.size() + 32);
  out += "{\"id\":";
  jcs_append_string(e.id, out);
  out += ",\"name\":";
  jcs_append_string(e.name, out);
  out += ",\"platform\":";
  jcs_append_string(e.platform, out);
  out += '}';
}

Result<ParticipantList> build_participant_list(std::vector<Entry> raw) {
  ParticipantListBuilder builder(std::move(raw));
  for (;;) {
    auto more = builder.step(static_cast<std::size_t>(-1));
    if (!more) return more.error();
    if (!*more) return builder.take();
  }
}

}  // namespace tirage
