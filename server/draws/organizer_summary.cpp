#include "server/draws/organizer_summary.hpp"

#include "server/draws/related_draws.hpp"

namespace tirage::server {

namespace {

constexpr int kMaxMonths = 120, kMaxRecent = 50;

// The counts of one row: draws, published, abandoned, substitutions (waiting is the rest).
Json counts(Statement& st, int first) {
  const std::int64_t draws = st.integer(first), published = st.integer(first + 1), abandoned = st.integer(first + 2);
  return Json{{"draws", draws},
              {"published", published},
              {"waiting", draws - published - abandoned},
              {"abandoned", abandoned},
              {"substitutions", st.integer(first + 3)}};
}

}  // namespace

Result<Json> organizer_summary(Database& db, const std::string& organizer_id, UnixSeconds now) {
  std::lock_guard lock(db.mutex());
  // A draw counts in the month it was committed; its substitutions with it.
  const std::string measures =
      "COUNT(*), SUM(result IS NOT NULL), SUM(result IS NULL AND publish_by IS NOT NULL AND publish_by < ?2), "
      "SUM((SELECT COUNT(*) FROM substitutions s WHERE s.draw_id = draws.id))";
  auto totals = db.prepare("SELECT " + measures + " FROM draws WHERE organizer_id = ?1");
  totals.bind(1, organizer_id).bind(2, now);
  if (!totals.step() || totals.integer(0) == 0)
    return make_error("not_found", "there is no draw by organizer " + organizer_id.substr(0, 100));
  Json out{{"organizer_id", organizer_id}, {"totals", counts(totals, 0)}, {"months", Json::array()}, {"recent", Json::array()}};

  auto months = db.prepare("SELECT strftime('%Y-%m', created_at, 'unixepoch') AS month, " + measures +
                           " FROM draws WHERE organizer_id = ?1 GROUP BY month ORDER BY month DESC LIMIT " +
                           std::to_string(kMaxMonths));
  months.bind(1, organizer_id).bind(2, now);
  while (months.step()) {
    Json m = counts(months, 1);
    m["month"] = months.text(0);
    out["months"].push_back(std::move(m));
  }

  auto recent = db.prepare(
      "SELECT id, giveaway_id, commitment, publish_by, result IS NOT NULL FROM draws WHERE organizer_id = ?1 "
      "ORDER BY created_at DESC, id LIMIT " + std::to_string(kMaxRecent));
  recent.bind(1, organizer_id);
  while (recent.step()) {
    auto envelope = parse_json(recent.text(2));
    if (!envelope) continue;
    const Json& st = (*envelope)["statement"];
    const auto publish_by = recent.optional_integer(3);
    out["recent"].push_back(Json{{"draw_id", recent.text(0)},
                                 {"giveaway_id", recent.text(1)},
                                 {"title", st["title"]},
                                 {"committed_at", st["committed_at"]},
                                 {"publish_by", publish_by ? Json(format_rfc3339(*publish_by)) : Json(nullptr)},
                                 {"status", draw_outcome(recent.integer(4) != 0, publish_by, now)}});
  }
  return out;
}

}  // namespace tirage::server
