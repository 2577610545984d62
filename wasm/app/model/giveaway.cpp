#include "wasm/app/model/giveaway.hpp"

namespace tirage::app {

namespace {

template <typename T>
void read(const Json& j, const char* name, T& out) {
  if (j.contains(name) && !j[name].is_null()) out = j[name].get<T>();
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
  try {
    read(j, "giveaway_id", g.giveaway_id);
    read(j, "title", g.title);
    read(j, "rules_text", g.rules_text);
    read(j, "giveaway_url", g.giveaway_url);
    read(j, "winners", g.winners);
    read(j, "alternates", g.alternates);
    read(j, "local_beacon", g.local_beacon);
    read(j, "handle_check", g.handle_check);
    read(j, "scheduled_at", g.scheduled_at);
    std::string source;
    read(j, "source", source);
    g.source = source_kind_from(source);
    read(j, "source_name", g.source_name);
    read(j, "platform", g.platform);
    if (j.contains("columns") && j["columns"].is_object()) g.columns = j["columns"];
    read(j, "import_id", g.import_id);
    read(j, "imported_from", g.imported_from);
    read(j, "imported_post", g.imported_post);
    read(j, "imported_count", g.imported_count);
    read(j, "draw_id", g.draw_id);
    read(j, "outcome", g.outcome);
    read(j, "step", g.step);
  } catch (const std::exception& e) {
    return make_error("bad_saved_work", std::string("the saved giveaway has a field of the wrong type: ") + e.what());
  }
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
