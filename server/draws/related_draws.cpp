#include "server/draws/related_draws.hpp"

namespace tirage::server {

std::string draw_outcome(bool has_result, const std::optional<UnixSeconds>& publish_by, UnixSeconds now) {
  if (has_result) return "published";
  return publish_by && now > *publish_by ? "abandoned" : "waiting";
}

Result<std::vector<RelatedRow>> find_related(Database& db, const std::string& draw_id, std::size_t limit, bool* more) {
  std::lock_guard lock(db.mutex());
  auto me = db.prepare("SELECT organizer_id, participants_root, giveaway_id FROM draws WHERE id = ?");
  me.bind(1, draw_id);
  if (!me.step()) return make_error("not_found", "there is no draw " + draw_id.substr(0, 64));
  const std::string organizer = me.text(0), root = me.text(1), giveaway = me.text(2);
  // One indexed lookup per kind of relation (organizer + root, organizer + giveaway,
  // post), so an organizer's other draws are never scanned one by one.
  auto st = db.prepare(R"sql(
WITH same_post AS (SELECT DISTINCT s.draw_id AS id FROM draw_sources m
                   JOIN draw_sources s ON s.platform = m.platform AND s.post_id = m.post_id WHERE m.draw_id = ?1),
     candidates AS (SELECT id FROM draws WHERE organizer_id = ?2 AND participants_root = ?3
                    UNION SELECT id FROM draws WHERE organizer_id = ?2 AND giveaway_id = ?4
                    UNION SELECT id FROM same_post)
SELECT d.id, d.giveaway_id, d.commitment, d.publish_by, d.result IS NOT NULL,
       d.participants_root = ?3, d.id IN (SELECT id FROM same_post), d.giveaway_id = ?4
FROM candidates c JOIN draws d ON d.id = c.id
WHERE d.organizer_id = ?2 AND d.id != ?1
ORDER BY d.commitment_log_idx
LIMIT ?5)sql");
  st.bind(1, draw_id).bind(2, organizer).bind(3, root).bind(4, giveaway).bind(5, static_cast<std::int64_t>(limit + 1));
  std::vector<RelatedRow> out;
  while (st.step()) {
    if (out.size() == limit) {
      if (more) *more = true;
      return out;
    }
    RelatedRow r;
    r.draw_id = st.text(0);
    r.giveaway_id = st.text(1);
    auto envelope = parse_json(st.text(2));
    if (!envelope) return make_error("internal", "draw " + r.draw_id + " has an unreadable commitment");
    r.commitment = std::move(*envelope);
    r.publish_by = st.optional_integer(3);
    r.has_result = st.integer(4) != 0;
    if (st.integer(5)) r.reasons.push_back("same_list");
    if (st.integer(6)) r.reasons.push_back("same_post");
    if (st.integer(7)) r.reasons.push_back("same_giveaway");
    out.push_back(std::move(r));
  }
  if (more) *more = false;
  return out;
}

Status store_sources(Database& db, const std::string& draw_id, const Json& sources) {
  for (const auto& s : sources) {
    auto st = db.prepare("INSERT INTO draw_sources (draw_id, platform, post_id) VALUES (?, ?, ?)");
    st.bind(1, draw_id).bind(2, s["platform"].get<std::string>()).bind(3, s["post_id"].get<std::string>());
    if (auto ok = st.run(); !ok) return ok;
  }
  return {};
}

}  // namespace tirage::server
