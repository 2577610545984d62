#include "cli/participant_rules.hpp"

#include "cli/io.hpp"
#include "shared/filters/rules_json.hpp"
#include "shared/protocol/statements.hpp"

namespace tirage::cli {

namespace {

// Rules, commitments and account lists are small; anything bigger is not one.
constexpr std::size_t kMaxRulesBytes = std::size_t{16} << 20;

// Each filter flag and the rules_json field it sets.
struct RuleFlag {
  const char* flag;
  const char* field;
  enum Kind { list, count, text } kind;
};
constexpr RuleFlag kRuleFlags[] = {
    {"hashtags", "required_hashtags", RuleFlag::list},  {"min-mentions", "min_mentions", RuleFlag::count},
    {"exclude", "excluded_accounts", RuleFlag::list},   {"organizer", "organizer_account", RuleFlag::text},
    {"keywords", "required_keywords", RuleFlag::list},  {"keyword-mode", "keyword_mode", RuleFlag::text},
    {"min-length", "min_text_length", RuleFlag::count}, {"from", "window_from", RuleFlag::text},
    {"until", "window_until", RuleFlag::text},          {"min-account-age", "min_account_age_days", RuleFlag::count},
    {"engagement", "required_engagement", RuleFlag::text},
};

// rules_from_json's error (`rules.window_until: ...`), naming the flag that set that field.
Error flag_error(const Error& e) {
  for (const auto& f : kRuleFlags)
    if (e.message.rfind(std::string("rules.") + f.field + ":", 0) == 0)
      return make_error(e.code, "--" + std::string(f.flag) + ": " + e.message);
  return e;
}

Result<Json> read_json_file(const std::string& path, const char* what) {
  auto text = read_input(path, kMaxRulesBytes);
  if (!text) return text.error();
  auto json = parse_json(*text);
  if (!json) return make_error(json.error().code, (path == "-" ? std::string("stdin") : path) + ": " + what + ": " +
                                                      json.error().message);
  return json;
}

Result<FilterRules> rules_from_option(const std::string& value) {
  const auto first = value.find_first_not_of(" \t\r\n");
  Json j;
  if (first != std::string::npos && value[first] == '{') {
    auto parsed = parse_json(value);
    if (!parsed) return make_error(parsed.error().code, "--rules: " + parsed.error().message);
    j = std::move(*parsed);
  } else {
    TIRAGE_TRY_ASSIGN(j, read_json_file(value, "the rules"));
  }
  // A commitment's rules record: {"text", "filters", "source"}.
  if (j.is_object() && j.contains("filters") && j["filters"].is_object()) j = j["filters"];
  auto rules = rules_from_json(j);
  if (!rules) return make_error(rules.error().code, "--rules: " + rules.error().message);
  return rules;
}

}  // namespace

const std::set<std::string> kRuleOptions = {"rules",      "hashtags", "min-mentions", "exclude", "organizer",
                                            "keywords",   "keyword-mode", "min-length", "from",  "until",
                                            "min-account-age", "engagement", "engaged"};
const std::set<std::string> kRuleSwitches = {"one-per-comment"};

Result<CommittedList> read_committed_list(const std::string& path) {
  Json j;
  TIRAGE_TRY_ASSIGN(j, read_json_file(path, "the commitment"));
  const std::string name = path == "-" ? "stdin" : path;
  CommittedList out;
  // A bundle carries the commitment envelope (and the result, whose winners name their platform).
  if (j.is_object() && j.contains("commitment") && j["commitment"].is_object()) {
    if (j.contains("result") && j["result"].is_object() && j["result"].contains("statement")) {
      if (auto result = parse_result(j["result"]["statement"]); result && !result->winners.empty())
        out.winners_platform = result->winners.front().entry.platform;
    }
    j = Json(j["commitment"]);
  }
  if (j.is_object() && j.contains("statement") && j["statement"].is_object()) j = Json(j["statement"]);
  if (!j.is_object() || j.value("type", "") != kCommitmentType)
    return make_error("bad_commitment", name + ": not a commitment (a bundle, a commitment envelope or its statement "
                                               "with \"type\": \"" + kCommitmentType + "\")");
  auto c = parse_commitment(j);
  if (!c) return make_error(c.error().code, name + ": " + c.error().message);
  out.root = c->participants_root;
  out.count = c->participants_count;
  out.committed_at = c->committed_at;
  if (c->rules.is_object()) {
    if (c->rules.contains("filters") && c->rules["filters"].is_object()) out.filters = c->rules["filters"];
    if (c->rules.contains("source") && c->rules["source"].is_string()) out.source = c->rules["source"].get<std::string>();
  }
  return out;
}

Result<std::optional<FilterRules>> rules_from_args(const Args& args) {
  bool flags = args.has("one-per-comment");
  for (const auto& f : kRuleFlags) flags = flags || args.get(f.flag).has_value();
  auto file = args.get("rules");
  if (file && flags) return make_error("usage", "--rules and the filter flags do not go together: give one or the other");
  if (file) {
    auto rules = rules_from_option(*file);
    if (!rules) return rules.error();
    return std::optional<FilterRules>(std::move(*rules));
  }
  if (!flags) return std::optional<FilterRules>();
  Json j = Json::object();
  if (args.has("one-per-comment")) j["one_per_person"] = false;
  for (const auto& f : kRuleFlags) {
    auto v = args.get(f.flag);
    if (!v) continue;
    if (f.kind == RuleFlag::list) {
      j[f.field] = split_typed_list(*v);
    } else if (f.kind == RuleFlag::count) {
      auto n = parse_uint(*v, std::string("--") + f.flag);
      if (!n) return n.error();
      j[f.field] = *n;
    } else {
      j[f.field] = *v;
    }
  }
  auto rules = rules_from_json(j);
  if (!rules) return flag_error(rules.error());
  return std::optional<FilterRules>(std::move(*rules));
}

Status read_engaged_accounts(const Args& args, FilterRules& rules) {
  auto path = args.get("engaged");
  if (!path) {
    if (rules.required_engagement.empty()) return {};
    return make_error("usage", "the rules require " + rules.required_engagement +
                                   ": give the accounts that engaged with --engaged FILE (one user id or handle a line, "
                                   "the list the app fetched from the platform)");
  }
  if (rules.required_engagement.empty())
    return make_error("usage", "--engaged is for a rule that requires an engagement (required_engagement)");
  auto text = read_input(*path, kMaxRulesBytes);
  if (!text) return text.error();
  rules.engaged_accounts.clear();
  for (auto line : split_lines(*text)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) rules.engaged_accounts.emplace_back(line);
  }
  return {};
}

}  // namespace tirage::cli
