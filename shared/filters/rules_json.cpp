#include "shared/filters/rules_json.hpp"

#include <algorithm>

#include "shared/core/time.hpp"
#include "shared/protocol/json_reader.hpp"

namespace tirage {

namespace {
constexpr std::size_t kMaxListItems = 10'000;

std::vector<std::string> read_strings(JsonFields& o, const char* name) {
  std::vector<std::string> out;
  auto items = o.optional_array(name, kMaxListItems);
  if (!items) return out;
  out.reserve(items->size());
  for (std::size_t i = 0; i < items->size() && items->ok(); ++i) out.push_back(items->string(i));
  return out;
}

std::optional<std::uint64_t> read_count(JsonFields& o, const char* name, std::uint64_t max) {
  auto n = o.optional_uint(name);
  if (n && *n > max) o.fail(name, "got integer " + std::to_string(*n) + ", wanted at most " + std::to_string(max));
  return n;
}

std::optional<UnixSeconds> read_time(JsonFields& o, const char* name) {
  auto text = o.optional_string(name);
  if (!text || !o.ok()) return std::nullopt;
  auto t = parse_rfc3339(*text);
  if (!t) o.fail(name, t.error().message + " (wanted a time like \"2026-12-24T18:00:00Z\")");
  return t ? std::optional<UnixSeconds>(*t) : std::nullopt;
}
}  // namespace

Json rules_to_json(const FilterRules& r) {
  Json j{{"one_per_person", r.one_per_person},
         {"required_hashtags", r.required_hashtags},
         {"min_mentions", r.min_mentions},
         {"excluded_accounts", r.excluded_accounts},
         {"organizer_account", r.organizer_account},
         {"required_keywords", r.required_keywords},
         {"keyword_mode", r.keyword_mode == KeywordMode::all ? "all" : "any"},
         {"min_text_length", r.min_text_length}};
  if (r.window_from) j["window_from"] = format_rfc3339(*r.window_from);
  if (r.window_until) j["window_until"] = format_rfc3339(*r.window_until);
  if (r.min_account_age_days) j["min_account_age_days"] = *r.min_account_age_days;
  if (!r.required_engagement.empty()) j["required_engagement"] = r.required_engagement;
  return j;
}

Result<FilterRules> rules_from_json(const Json& j) {
  StrictJsonReader in("bad_rules");
  JsonFields o = in.object(j, "rules");
  FilterRules r;
  r.one_per_person = o.optional_boolean("one_per_person").value_or(r.one_per_person);
  r.required_hashtags = read_strings(o, "required_hashtags");
  r.excluded_accounts = read_strings(o, "excluded_accounts");
  r.required_keywords = read_strings(o, "required_keywords");
  r.organizer_account = o.optional_string("organizer_account").value_or("");
  if (auto mode = o.optional_string("keyword_mode"); mode && o.ok()) {
    if (*mode == "any") r.keyword_mode = KeywordMode::any;
    else if (*mode == "all") r.keyword_mode = KeywordMode::all;
    else o.fail("keyword_mode", "got " + describe_json(Json(*mode)) + ", wanted \"any\" or \"all\"");
  }
  r.min_mentions = static_cast<std::size_t>(read_count(o, "min_mentions", 1000).value_or(0));
  r.min_text_length = static_cast<std::size_t>(read_count(o, "min_text_length", 100'000).value_or(0));
  if (auto days = read_count(o, "min_account_age_days", 36'500)) r.min_account_age_days = static_cast<std::int64_t>(*days);
  if (auto kind = o.optional_string("required_engagement"); kind && o.ok()) {
    if (!is_engagement_kind(*kind))
      o.fail("required_engagement",
             "got " + describe_json(Json(*kind)) + R"(, wanted "x_repost", "x_like" or "facebook_reaction")");
    else r.required_engagement = *kind;
  }
  r.window_from = read_time(o, "window_from");
  r.window_until = read_time(o, "window_until");
  o.refuse_unknown();
  if (in.failed()) return in.error();
  if (r.window_from && r.window_until && *r.window_until < *r.window_from)
    return make_error("bad_rules", "rules.window_until: is before \"window_from\"");
  return r;
}

}  // namespace tirage
