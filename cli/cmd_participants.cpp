// `tirage participants FILE`: the participant list's root and count, built
// from the organizer's file exactly as the organizer app builds it (the same
// shared code), so an auditor can check the root a commitment names.
#include <ctime>
#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "cli/participant_rules.hpp"
#include "cli/participants_file.hpp"
#include "cli/participants_source.hpp"
#include "shared/filters/rules_json.hpp"

namespace tirage::cli {

namespace {
constexpr const char* kHelp =
    "usage: tirage participants FILE [--format F] [--platform P] [column choices]\n"
    "                           [--rules FILE-or-JSON | filter flags] [--commitment FILE]\n"
    "                           [--now TIME] [--entries OUT]\n\n"
    "Builds the participant list from FILE (or - for stdin) exactly as the organizer\n"
    "app does (read, columns, filters, one entry per person or per comment, then the\n"
    "protocol's normalization, de-duplication and sort) and prints its root and count.\n\n"
    "Formats (--format; without it: .xlsx or a ZIP header is xlsx, JSON Lines are\n"
    "jsonl or entries by their fields, anything else is csv, as the app's file picker):\n"
    "  csv      a CSV file; encoding, delimiter and header row are sniffed as in the app\n"
    "  xlsx     an Excel workbook (its first sheet)\n"
    "  text     a pasted list: one participant a line, or several @handles on a line\n"
    "  jsonl    comments as JSON Lines, as the app saves a platform import's comments\n"
    "  entries  the draw's entries as JSON Lines {\"platform\",\"id\",\"name\"}: no filters\n\n"
    "Columns (csv, xlsx): a header, a column number (from 1) or none; unset: guessed\n"
    "as the app guesses them. Each is one of the app's column pickers:\n"
    "  --handle-column C  --user-id-column C  --text-column C  --time-column C\n"
    "  --comment-id-column C\n"
    "  --platform P       list (default), instagram, facebook, x, youtube or tiktok:\n"
    "                     the platform chosen in the app for a file or a pasted list\n\n"
    "Rules: the commitment's (--commitment), a rules object (--rules: a file or the\n"
    "JSON itself, either the filters object or the commitment's whole \"rules\"), or:\n"
    "  --one-per-comment  one entry per kept comment (default: one per person)\n"
    "  --hashtags LIST    --keywords LIST [--keyword-mode any|all]   --exclude LIST\n"
    "  --organizer ACCOUNT   --min-mentions N   --min-length N   --min-account-age DAYS\n"
    "  --from TIME  --until TIME    the comment window, RFC 3339 (2026-12-01T00:00:00Z)\n"
    "  --engagement KIND --engaged FILE   x_repost, x_like or facebook_reaction, and the\n"
    "                     accounts that engaged, one user id or handle a line\n"
    "  LIST: items between commas or spaces (\"#noel #concours\"). Without any: the\n"
    "  app's defaults (one entry per person, nothing else).\n"
    "  --now TIME         when the account-age rule counts from (default: the\n"
    "                     commitment's committed_at, else the clock)\n\n"
    "  --commitment FILE  a result bundle, a commitment envelope or its statement:\n"
    "                     applies its recorded filters and compares its count and root\n"
    "                     (signatures and the log are `tirage verify`'s job)\n"
    "  --entries OUT      writes the list's leaves, JCS(entry) one a line in index\n"
    "                     order, to OUT (- for stdout; the summary then goes to stderr)\n\n"
    "Prints JSON: participants_root, participants_count, duplicates_dropped, format,\n"
    "and for the app's formats: comments (read), kept, filtered_out (by reason),\n"
    "columns, rules, issues; with --commitment: commitment {participants_root,\n"
    "participants_count, matches}. What the app could not read is listed on stderr\n"
    "with its line and column, and treated as the app treats it (a row with no name\n"
    "is left out, a date that is not one is no date).\n"
    "Exit 0; with --commitment 0 when count and root match, 1 when they do not;\n"
    "2 on bad input.\n";

constexpr std::size_t kMaxIssuesShown = 50;

// Rows left out, as the app lists them: FILE line L, column C: message.
void print_issues(const std::string& name, const std::vector<ImportIssue>& issues) {
  for (std::size_t i = 0; i < issues.size() && i < kMaxIssuesShown; ++i) {
    std::cerr << "tirage participants: " << name << " line " << issues[i].line;
    if (issues[i].column > 0) std::cerr << ", column " << issues[i].column;
    std::cerr << ": " << issues[i].message << "\n";
  }
  if (issues.size() > kMaxIssuesShown)
    std::cerr << "tirage participants: " << name << ": and " << issues.size() - kMaxIssuesShown
              << " more lines like these\n";
}

Json columns_json(const ColumnMap& map, const Table& table) {
  Json out = Json::object();
  const std::pair<const char*, const std::optional<std::size_t>*> fields[] = {
      {"handle", &map.handle}, {"user_id", &map.user_id}, {"text", &map.text}, {"time", &map.time},
      {"comment_id", &map.comment_id}, {"account_created", &map.account_created}, {"followers", &map.followers}};
  for (const auto& [name, column] : fields)
    if (*column && **column < table.columns.size())
      out[name] = Json{{"column", **column + 1}, {"header", table.columns[**column]}};
  return out;
}

struct Built {
  ParticipantList list;
  Hash root{};
  Json summary;
};

bool has_column_flags(const Args& args) {
  for (const auto& o : kSourceOptions)
    if (o != "format" && o != "platform" && args.get(o)) return true;
  return false;
}

Result<Built> build_from_app_source(const Args& args, ParticipantFormat format, std::string_view bytes,
                                    const std::string& name, const FilterRules& rules, std::int64_t now) {
  if (format == ParticipantFormat::jsonl && args.get("platform"))
    return make_error("usage", "--platform does not apply to jsonl: each comment names its platform");
  if ((format == ParticipantFormat::jsonl || format == ParticipantFormat::text) && has_column_flags(args))
    return make_error("usage", std::string("the column flags are for csv and xlsx, not ") + format_name(format));
  const std::string platform = args.get("platform").value_or("list");
  if (!is_known_platform(platform))
    return make_error("usage", "--platform must be list, instagram, facebook, x, youtube or tiktok, not \"" +
                                   platform.substr(0, 40) + "\"");
  ParticipantsBuild build;
  build.start(source_kind(format), bytes, platform, column_choice_from_args(args), rules, now);
  const Status done = build.finish();
  print_issues(name, build.issues());
  if (!done) return make_error(done.error().code, name + ": " + done.error().message);
  Json filtered_out = Json::object();
  for (std::size_t r = 1; r < kFilterReasonCount; ++r)
    if (auto n = build.filtered().counts[r]) filtered_out[filter_reason_name(static_cast<FilterReason>(r))] = n;
  Built out{build.list(), build.tree().root(), Json::object()};
  out.summary = Json{{"comments", build.comments().size()}, {"kept", build.filtered().kept},
                     {"filtered_out", filtered_out},         {"issues", build.issues().size()},
                     {"rules", rules_to_json(rules)}};
  if (format == ParticipantFormat::csv || format == ParticipantFormat::xlsx)
    out.summary["columns"] = columns_json(build.columns(), build.table());
  if (format != ParticipantFormat::jsonl) out.summary["platform"] = platform;
  return out;
}

Result<Built> build_from_entries(const Args& args, std::string_view bytes, const std::string& name, bool rules_given) {
  if (rules_given || args.get("platform") || has_column_flags(args))
    return make_error("usage", "entries are the draw's list itself: filters, columns and --platform do not apply");
  auto list = participants_from_entry_lines(bytes, name);
  if (!list) return list.error();
  Built out{std::move(*list), {}, Json::object()};
  out.root = merkle_root(participant_leaf_hashes(out.list));
  return out;
}

Result<std::int64_t> now_from_args(const Args& args, const std::optional<CommittedList>& committed) {
  if (auto text = args.get("now")) {
    auto t = parse_rfc3339(*text);
    if (!t) return make_error("usage", "--now: " + t.error().message);
    return *t;
  }
  if (committed) return committed->committed_at;
  return static_cast<std::int64_t>(std::time(nullptr));
}

// Count and root against the commitment's: the JSON part, and on stderr what differs and what to try.
bool compare(const CommittedList& c, const Built& built, const std::string& platform, Json& out) {
  const bool count_ok = c.count == built.list.entries.size(), root_ok = c.root == built.root;
  out["commitment"] = Json{{"participants_root", to_hex(c.root)},
                           {"participants_count", c.count},
                           {"matches", count_ok && root_ok}};
  if (count_ok && root_ok) return true;
  std::cerr << "tirage participants: the list does not match the commitment: ";
  if (!count_ok) std::cerr << c.count << " participants committed, " << built.list.entries.size() << " rebuilt; ";
  std::cerr << "root " << to_hex(c.root) << " committed, " << to_hex(built.root) << " rebuilt\n";
  if (!c.source.empty()) std::cerr << "  the commitment says the list came from \"" << c.source << "\"\n";
  if (!c.winners_platform.empty() && !platform.empty() && c.winners_platform != platform)
    std::cerr << "  the bundle's winners are on platform " << c.winners_platform << ": try --platform "
              << c.winners_platform << "\n";
  return false;
}

}  // namespace

int run_participants(int argc, char** argv) {
  std::set<std::string> valued = {"commitment", "now", "entries"};
  valued.insert(kSourceOptions.begin(), kSourceOptions.end());
  valued.insert(kRuleOptions.begin(), kRuleOptions.end());
  auto args = parse_args(argc, argv, 2, valued, kRuleSwitches);
  if (args && args->has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args) return bad_input("participants", args.error());
  if (args->positional.size() != 1)
    return bad_input("participants", make_error("usage", "expected exactly one FILE (or -)"));
  const std::string& path = args->positional[0];
  const std::string name = path == "-" ? "stdin" : path;

  std::optional<CommittedList> committed;
  if (auto c = args->get("commitment")) {
    auto read = read_committed_list(*c);
    if (!read) return bad_input("participants", read.error());
    committed = std::move(*read);
  }
  auto explicit_rules = rules_from_args(*args);
  if (!explicit_rules) return bad_input("participants", explicit_rules.error());
  const bool rules_given = explicit_rules->has_value();
  FilterRules rules;
  if (rules_given) {
    if (committed && committed->filters)
      return bad_input("participants", make_error("usage", "the commitment records its filters; --rules and the filter "
                                                           "flags would replace them (leave them out)"));
    rules = **explicit_rules;
  } else if (committed && committed->filters) {
    auto r = rules_from_json(*committed->filters);
    if (!r) return bad_input("participants", make_error(r.error().code, *args->get("commitment") +
                                                                            ": the commitment's rules.filters: " +
                                                                            r.error().message));
    rules = std::move(*r);
  }
  if (auto s = read_engaged_accounts(*args, rules); !s) return bad_input("participants", s.error());
  auto now = now_from_args(*args, committed);
  if (!now) return bad_input("participants", now.error());

  auto bytes = read_input(path, CsvOptions{}.max_bytes);
  if (!bytes) return bad_input("participants", bytes.error());
  auto format = choose_format(*args, path, *bytes);
  if (!format) return bad_input("participants", format.error());

  auto built = *format == ParticipantFormat::entries ? build_from_entries(*args, *bytes, name, rules_given)
                                                     : build_from_app_source(*args, *format, *bytes, name, rules, *now);
  if (!built) return bad_input("participants", built.error());

  Json out = std::move(built->summary);
  out["participants_root"] = to_hex(built->root);
  out["participants_count"] = built->list.entries.size();
  out["duplicates_dropped"] = built->list.duplicates_dropped;
  out["format"] = format_name(*format);
  if (auto entries = args->get("entries")) {
    std::string leaves;
    for (const auto& e : built->list.entries) leaves += leaf(e) + "\n";
    if (auto s = write_output(*entries, leaves); !s) return bad_input("participants", s.error());
  }
  const bool matches = !committed || compare(*committed, *built, out.value("platform", ""), out);
  (args->get("entries") == "-" ? std::cerr : std::cout) << out.dump() << "\n";
  return matches ? kExitOk : kExitInvalid;
}

}  // namespace tirage::cli
