#include "wasm/app/model/giveaway_list.hpp"

#include <algorithm>

#include "shared/protocol/json_reader.hpp"

namespace tirage::app {

std::string giveaway_key(const std::string& giveaway_id) { return "work.giveaway." + giveaway_id; }
std::string source_key(const std::string& giveaway_id) { return "work.source." + giveaway_id; }

const char* status_name(GiveawayStatus s) {
  switch (s) {
    case GiveawayStatus::draft: return "draft";
    case GiveawayStatus::committed: return "committed";
    case GiveawayStatus::published: return "published";
    case GiveawayStatus::abandoned: return "abandoned";
  }
  return "draft";
}

GiveawayStatus status_from(const std::string& name, bool has_draw) {
  if (!has_draw) return GiveawayStatus::draft;
  if (name == "published") return GiveawayStatus::published;
  if (name == "abandoned") return GiveawayStatus::abandoned;
  return GiveawayStatus::committed;  // an unknown word never makes a waiting draw deletable
}

GiveawayStatus giveaway_status(const Giveaway& g) { return status_from(g.outcome, !g.draw_id.empty()); }

const GiveawaySummary* find_giveaway(const GiveawayList& list, const std::string& giveaway_id) {
  for (const auto& s : list.items)
    if (s.giveaway_id == giveaway_id) return &s;
  return nullptr;
}

void note_giveaway(GiveawayList& list, const Giveaway& g, std::int64_t now) {
  if (g.giveaway_id.empty()) return;
  GiveawaySummary s;
  s.created_at = now;
  auto it = std::find_if(list.items.begin(), list.items.end(), [&](const GiveawaySummary& x) { return x.giveaway_id == g.giveaway_id; });
  if (it != list.items.end()) {
    s = *it;
    list.items.erase(it);
  }
  // The server may know better (apply_server_statuses): a final status of the same draw is not taken back
  // by a copy that lags; a new draw of the giveaway starts again from the giveaway's own.
  const GiveawayStatus from_giveaway = giveaway_status(g);
  const bool final_here = !s.draw_id.empty() && s.draw_id == g.draw_id &&
                          (s.status == GiveawayStatus::published || s.status == GiveawayStatus::abandoned);
  if (!final_here || from_giveaway == GiveawayStatus::published || from_giveaway == GiveawayStatus::abandoned) s.status = from_giveaway;
  s.giveaway_id = g.giveaway_id;
  s.title = g.title;
  s.draw_id = g.draw_id;
  s.updated_at = now;
  list.items.insert(list.items.begin(), std::move(s));
}

Status may_delete(const GiveawaySummary& s) {
  if (s.status == GiveawayStatus::committed)
    return make_error("draw_unpublished",
                      "the draw of this giveaway is committed and not published: its result can only be published "
                      "from this list, so it stays until the draw is published or abandoned");
  return {};
}

Status remove_giveaway(GiveawayList& list, const std::string& giveaway_id) {
  auto it = std::find_if(list.items.begin(), list.items.end(), [&](const GiveawaySummary& x) { return x.giveaway_id == giveaway_id; });
  if (it == list.items.end()) return make_error("unknown_giveaway", "no giveaway " + giveaway_id + " in this browser");
  TIRAGE_TRY(may_delete(*it));
  if (list.current == giveaway_id) list.current.clear();
  list.items.erase(it);  // last: giveaway_id may be this entry's own
  return {};
}

bool apply_server_statuses(GiveawayList& list, const Json& draws) {
  const Json& rows = draws.is_object() && draws.contains("draws") ? draws["draws"] : draws;
  if (!rows.is_array()) return false;
  bool changed = false;
  for (const auto& d : rows) {
    if (!d.is_object() || !d.contains("draw_id") || !d["draw_id"].is_string() || !d.contains("status") || !d["status"].is_string())
      continue;
    const std::string id = d["draw_id"].get<std::string>(), word = d["status"].get<std::string>();
    if (word != "published" && word != "abandoned") continue;  // waiting: what the list already says
    const GiveawayStatus status = status_from(word, true);
    for (auto& s : list.items)
      if (s.draw_id == id && s.status != status) {
        s.status = status;
        changed = true;
      }
  }
  return changed;
}

Json giveaway_list_to_json(const GiveawayList& list) {
  Json items = Json::array();
  for (const auto& s : list.items)
    items.push_back(Json{{"giveaway_id", s.giveaway_id}, {"title", s.title}, {"draw_id", s.draw_id},
                         {"status", status_name(s.status)}, {"created_at", s.created_at}, {"updated_at", s.updated_at}});
  return Json{{"version", 1}, {"current", list.current}, {"giveaways", items}};
}

Result<GiveawayList> giveaway_list_from_json(const Json& j) {
  if (!j.is_object() || !j.contains("giveaways") || !j["giveaways"].is_array())
    return make_error("bad_saved_list", "the list of saved giveaways is not a JSON object with a \"giveaways\" array");
  GiveawayList list;
  // Saved by this app: other members are left alone, null reads as absent.
  StrictJsonReader in("bad_saved_list", "the list of saved giveaways: ");
  in.null_is_absent();
  JsonFields root = in.object(j, "");
  if (const Json* current = root.optional_value("current"); current && current->is_string()) list.current = current->get<std::string>();
  JsonItems items = root.array("giveaways");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Json& e = items.value(i);
    if (!e.is_object() || !e.contains("giveaway_id") || !e["giveaway_id"].is_string() || e["giveaway_id"].get<std::string>().empty())
      return make_error("bad_saved_list", "a saved giveaway has no id");
    JsonFields f = items.object(i);
    GiveawaySummary s;
    s.giveaway_id = f.string("giveaway_id");
    s.title = f.optional_string("title").value_or("");
    s.draw_id = f.optional_string("draw_id").value_or("");
    s.status = status_from(f.optional_string("status").value_or(""), !s.draw_id.empty());
    s.created_at = f.optional_integer("created_at").value_or(0);
    s.updated_at = f.optional_integer("updated_at").value_or(0);
    if (in.failed()) return in.error();
    if (find_giveaway(list, s.giveaway_id)) continue;  // listed twice: the first (latest) entry stands
    list.items.push_back(std::move(s));
  }
  if (in.failed()) return in.error();
  return list;
}

Result<MigratedWork> migrate_legacy(const std::string& saved_json, const std::string& fresh_id, std::int64_t now) {
  auto json = parse_json(saved_json);
  if (!json) return json.error();
  auto g = giveaway_from_json(*json);
  if (!g) return g.error();
  MigratedWork out;
  out.giveaway = std::move(*g);
  if (out.giveaway.giveaway_id.empty()) out.giveaway.giveaway_id = fresh_id;
  note_giveaway(out.list, out.giveaway, now);
  out.list.current = out.giveaway.giveaway_id;
  return out;
}

}  // namespace tirage::app
