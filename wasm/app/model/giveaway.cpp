#include "wasm/app/model/giveaway.hpp"

#include "shared/protocol/json_reader.hpp"

namespace tirage::app {

namespace {

// A member kept when present; a wrong type is the reader's error (null and absence keep the default).
void read(JsonFields& f, const char* name, std::string& out) {
  if (auto v = f.optional_string(name)) out = std::move(*v);
}
void read(JsonFields& f, const char* name, bool& out) {
  if (auto v = f.optional_boolean(name)) out = *v;
}
void read(JsonFields& f, const char* name, int& out) {
  if (auto v = f.optional_integer(name)) out = static_cast<int>(*v);
}
void read(JsonFields& f, const char* name, std::int64_t& out) {
  if (auto v = f.optional_integer(name)) out = *v;
}

}  // namespace

Json committed_rules(const Giveaway& g) {
  return Json{{"text", g.rules_text}, {"filters", rules_to_json(g.filters)}, {"source", g.source_name}};
}

Json giveaway_to_json(const Giveaway& g) {
  return Json{{"giveaway_id", g.giveaway_id}, {"title", g.title},
              {"rules_text", g.rules_text},   {"giveaway_url", g.giveaway_url},
              {"winners", g.winners},
              {"alternates", g.alternates},   {"local_beacon", g.local_beacon},
              {"handle_check", g.handle_check},
              {"scheduled_at", g.scheduled_at}, {"source", source_kind_name(g.source)},
              {"source_name", g.source_name}, {"platform", g.platform},
              {"columns", g.columns},         {"filters", rules_to_json(g.filters)},
              {"import_id", g.import_id},     {"imported_from", g.imported_from},
              {"imported_post", g.imported_post}, {"imported_count", g.imported_count},
              {"engagement", g.engagement.fetched_at > 0 ? engagement_to_json(g.engagement) : Json()},
              {"draw_id", g.draw_id},         {"outcome", g.outcome},
              {"step", g.step}};
}

Result<Giveaway> giveaway_from_json(const Json& j) {
  if (!j.is_object()) return make_error("bad_saved_work", "the saved giveaway is not a JSON object");
  Giveaway g;
  // Saved by this app, older versions included: other members are left alone.
  StrictJsonReader in("bad_saved_work", "the saved giveaway: ");
  in.null_is_absent();
  JsonFields f = in.object(j, "");
  read(f, "giveaway_id", g.giveaway_id);
  read(f, "title", g.title);
  read(f, "rules_text", g.rules_text);
  read(f, "giveaway_url", g.giveaway_url);
  read(f, "winners", g.winners);
  read(f, "alternates", g.alternates);
  read(f, "local_beacon", g.local_beacon);
  read(f, "handle_check", g.handle_check);
  read(f, "scheduled_at", g.scheduled_at);
  std::string source;
  read(f, "source", source);
  g.source = source_kind_from(source);
  read(f, "source_name", g.source_name);
  read(f, "platform", g.platform);
  if (j.contains("columns") && j["columns"].is_object()) g.columns = j["columns"];
  read(f, "import_id", g.import_id);
  read(f, "imported_from", g.imported_from);
  read(f, "imported_post", g.imported_post);
  read(f, "imported_count", g.imported_count);
  read(f, "draw_id", g.draw_id);
  read(f, "outcome", g.outcome);
  read(f, "step", g.step);
  if (in.failed()) return in.error();
  if (j.contains("filters")) {
    auto rules = rules_from_json(j["filters"]);
    if (!rules) return rules.error();
    g.filters = *rules;
  }
  if (j.contains("engagement") && !j["engagement"].is_null()) {
    auto engagement = engagement_from_json(j["engagement"]);
    if (!engagement) return engagement.error();
    g.engagement = std::move(*engagement);
  }
  // The filters get the saved list back (rules_to_json leaves it out), or lose a rule they cannot apply.
  sync_engagement(g);
  return g;
}

std::string engagement_post(const Giveaway& g) {
  return engagement_kinds(g.source == SourceKind::post, g.platform).empty() ? std::string() : g.imported_post;
}

void sync_engagement(Giveaway& g) { apply_engagement(g.engagement, engagement_post(g), g.filters); }

std::string make_giveaway_id(const std::string& random_bytes) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string id = "g_";
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : random_bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5 && id.size() < 22) {
      id += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return id;
}

}  // namespace tirage::app
