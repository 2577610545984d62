#include "wasm/app/model/engagement_rule.hpp"

#include <algorithm>

#include "shared/platforms/platform_json.hpp"

namespace tirage::app {

namespace {

constexpr std::size_t kMaxNotes = 16;
constexpr std::size_t kMaxNoteCode = 64;

bool has_note(const EngagementRule& r, std::string_view code) {
  return std::find(r.notes.begin(), r.notes.end(), code) != r.notes.end();
}

// What the server's answer and the saved rule share: kind, post, accounts, complete. Problems are left in reader.
EngagementRule read_common(JsonReader& reader, const Json& j) {
  EngagementRule r;
  r.kind = reader.string(j, "kind", "kind", true, 64);
  if (!reader.failed() && (r.kind.empty() || !is_engagement_kind(r.kind))) reader.fail("kind", "not an engagement kind");
  r.post_id = reader.string(j, "post_id", "post_id", true, kMaxIdLength);
  if (!reader.failed() && !is_platform_id(r.post_id)) reader.fail("post_id", "not a platform post id");
  reader.each_object(j, "accounts", "accounts", true, kMaxEngagedAccounts, [&](const Json& a, const std::string& path) {
    EngagedAccount acc{reader.string(a, "user_id", JsonPath(path, ".user_id"), false, kMaxIdLength),
                       reader.string(a, "handle", JsonPath(path, ".handle"), false, kMaxHandleLength)};
    if (acc.user_id.empty() && acc.handle.empty()) reader.fail(path, "neither a user id nor a handle");
    r.accounts.push_back(std::move(acc));
  });
  r.complete = reader.optional_bool(j, "complete", "complete").value_or(false);
  return r;
}

void read_note_code(JsonReader& reader, const Json& holder, const char* key, const std::string& path, EngagementRule& r) {
  std::string code = reader.string(holder, key, JsonPath(path), true, kMaxNoteCode);
  if (!reader.failed()) r.notes.push_back(std::move(code));
}

Result<EngagementRule> finish(const JsonReader& reader, EngagementRule r) {
  if (reader.failed()) return make_error("bad_engagement_list", reader.error().message);
  return r;
}

}  // namespace

std::vector<std::string> engagement_kinds(bool from_post, std::string_view platform) {
  if (!from_post) return {};
  if (platform == "x") return {"x_repost", "x_like"};
  if (platform == "facebook") return {"facebook_reaction"};
  return {};
}

EngagementStatus engagement_status(const EngagementRule& rule, std::string_view post_id) {
  if (rule.kind.empty()) return EngagementStatus::none;
  if (rule.fetched_at == 0) return EngagementStatus::waiting;
  if (post_id.empty() || rule.post_id != post_id) return EngagementStatus::stale;
  if (has_note(rule, "unnamed")) return EngagementStatus::blocked;
  if (!rule.complete && !rule.confirmed) return EngagementStatus::needs_confirmation;
  return EngagementStatus::applied;
}

void apply_engagement(const EngagementRule& rule, std::string_view post_id, FilterRules& rules) {
  rules.required_engagement.clear();
  rules.engaged_accounts.clear();
  if (engagement_status(rule, post_id) != EngagementStatus::applied) return;
  rules.required_engagement = rule.kind;
  rules.engaged_accounts.reserve(rule.accounts.size() * 2);
  for (const auto& a : rule.accounts) {
    if (!a.user_id.empty()) rules.engaged_accounts.push_back(a.user_id);
    if (!a.handle.empty()) rules.engaged_accounts.push_back(a.handle);
  }
}

Result<EngagementRule> engagement_from_reply(const Json& body, std::string_view kind, std::string_view post_id,
                                             std::int64_t now) {
  if (!body.is_object()) return make_error("bad_engagement_list", "the server's engagement list is not a JSON object");
  JsonReader reader("the server's engagement list");
  EngagementRule r = read_common(reader, body);
  if (!reader.failed() && (r.kind != kind || r.post_id != post_id))
    reader.fail("kind", "the list is of " + r.kind + " on " + r.post_id + ", not of " + std::string(kind) + " on " +
                            std::string(post_id) + " as asked");
  if (!reader.optional_bool(body, "complete", "complete")) reader.fail("complete", "missing");
  reader.each_object(body, "notes", "notes", false, kMaxNotes,
                     [&](const Json& n, const std::string& path) { read_note_code(reader, n, "code", path + ".code", r); });
  r.fetched_at = now;
  return finish(reader, std::move(r));
}

EngagementRule refreshed_engagement(const EngagementRule& old, EngagementRule fresh) {
  fresh.confirmed = old.confirmed && !fresh.complete && old.kind == fresh.kind && old.post_id == fresh.post_id &&
                    old.notes == fresh.notes;
  return fresh;
}

Json engagement_to_json(const EngagementRule& rule) {
  Json accounts = Json::array();
  for (const auto& a : rule.accounts) accounts.push_back({{"user_id", a.user_id}, {"handle", a.handle}});
  return {{"kind", rule.kind},         {"post_id", rule.post_id},       {"accounts", accounts},
          {"fetched_at", rule.fetched_at}, {"complete", rule.complete}, {"notes", rule.notes},
          {"confirmed", rule.confirmed}};
}

Result<EngagementRule> engagement_from_json(const Json& j) {
  if (!j.is_object()) return make_error("bad_engagement_list", "the saved engagement list is not a JSON object");
  JsonReader reader("the saved engagement list");
  EngagementRule r = read_common(reader, j);
  r.fetched_at = reader.optional_integer(j, "fetched_at", "fetched_at").value_or(0);
  if (!reader.failed() && r.fetched_at <= 0) reader.fail("fetched_at", "missing or not a time");
  r.confirmed = reader.optional_bool(j, "confirmed", "confirmed").value_or(false);
  if (const Json* notes = reader.array(j, "notes", "notes", false, kMaxNotes))
    for (std::size_t i = 0; i < notes->size() && !reader.failed(); ++i) {
      const std::string path = "notes[" + std::to_string(i) + "]";
      if (!(*notes)[i].is_string() || (*notes)[i].get_ref<const std::string&>().size() > kMaxNoteCode) reader.fail(path, "not a note code");
      else r.notes.push_back((*notes)[i].get<std::string>());
    }
  return finish(reader, std::move(r));
}

}  // namespace tirage::app
