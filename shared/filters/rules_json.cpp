#include "shared/filters/rules_json.hpp"

#include <algorithm>

#include "shared/core/time.hpp"

namespace tirage {

namespace {
constexpr std::size_t kMaxListItems = 10'000;

Error field_error(const std::string& field, const std::string& what) {
  return make_error("bad_rules", "field \"" + field + "\": " + what);
}

Status read_strings(const Json& v, const std::string& field, std::vector<std::string>& out) {
  if (!v.is_array()) return field_error(field, "must be an array of strings");
  if (v.size() > kMaxListItems) return field_error(field, "more than " + std::to_string(kMaxListItems) + " items");
  out.clear();
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) return field_error(field, "item " + std::to_string(i + 1) + " must be a string");
    out.push_back(v[i].get<std::string>());
  }
  return {};
}

Result<std::uint64_t> read_count(const Json& v, const std::string& field, std::uint64_t max) {
  if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0))
    return field_error(field, "must be a whole number, 0 or more");
  const auto n = v.get<std::uint64_t>();
  if (n > max) return field_error(field, "must be at most " + std::to_string(max));
  return n;
}

Result<std::int64_t> read_time(const Json& v, const std::string& field) {
  if (!v.is_string()) return field_error(field, "must be a time like \"2026-12-24T18:00:00Z\"");
  auto t = parse_rfc3339(v.get<std::string>());
  if (!t) return field_error(field, t.error().message);
  return *t;
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
  if (!j.is_object()) return make_error("bad_rules", "the rules must be a JSON object");
  FilterRules r;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "one_per_person") {
      if (!v.is_boolean()) return field_error(key, "must be true or false");
      r.one_per_person = v.get<bool>();
    } else if (key == "required_hashtags") {
      TIRAGE_TRY(read_strings(v, key, r.required_hashtags));
    } else if (key == "excluded_accounts") {
      TIRAGE_TRY(read_strings(v, key, r.excluded_accounts));
    } else if (key == "required_keywords") {
      TIRAGE_TRY(read_strings(v, key, r.required_keywords));
    } else if (key == "organizer_account") {
      if (!v.is_string()) return field_error(key, "must be a string");
      r.organizer_account = v.get<std::string>();
    } else if (key == "keyword_mode") {
      if (v == "any") r.keyword_mode = KeywordMode::any;
      else if (v == "all") r.keyword_mode = KeywordMode::all;
      else return field_error(key, "must be \"any\" or \"all\"");
    } else if (key == "min_mentions") {
      std::uint64_t n = 0;
      TIRAGE_TRY_ASSIGN(n, read_count(v, key, 1000));
      r.min_mentions = static_cast<std::size_t>(n);
    } else if (key == "min_text_length") {
      std::uint64_t n = 0;
      TIRAGE_TRY_ASSIGN(n, read_count(v, key, 100'000));
      r.min_text_length = static_cast<std::size_t>(n);
    } else if (key == "min_account_age_days") {
      std::uint64_t days = 0;
      TIRAGE_TRY_ASSIGN(days, read_count(v, key, 36'500));
      r.min_account_age_days = static_cast<std::int64_t>(days);
    } else if (key == "required_engagement") {
      if (!v.is_string() || !is_engagement_kind(v.get<std::string>()))
        return field_error(key, "must be \"x_repost\", \"x_like\" or \"facebook_reaction\"");
      r.required_engagement = v.get<std::string>();
    } else if (key == "window_from") {
      TIRAGE_TRY_ASSIGN(r.window_from, read_time(v, key));
    } else if (key == "window_until") {
      TIRAGE_TRY_ASSIGN(r.window_until, read_time(v, key));
    } else {
      return make_error("bad_rules", "unknown field \"" + key.substr(0, 40) + "\"");
    }
  }
  if (r.window_from && r.window_until && *r.window_until < *r.window_from)
    return field_error("window_until", "is before \"window_from\"");
  return r;
}

}  // namespace tirage
