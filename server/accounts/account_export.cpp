#include "server/accounts/account_export.hpp"

namespace tirage::server {

namespace {

Json time_or_null(const Statement& st, int column) {
  return st.is_null(column) ? Json(nullptr) : Json(format_rfc3339(st.integer(column)));
}

Json json_or_text(const std::string& text) {
  auto j = parse_json(text);
  return j ? *j : Json(text);
}

}  // namespace

Result<Json> export_account(Database& db, const Organizer& org, const Connections& connections, const OAuthLogins& logins,
                            UnixSeconds now) {
  Json out = {{"format", "tirage-account-export/1"}, {"exported_at", format_rfc3339(now)}};
  std::lock_guard lock(db.mutex());
  {
    auto st = db.prepare("SELECT id, email, verified, language, created_at, password_hash FROM organizers WHERE id = ?");
    st.bind(1, org.id);
    if (!st.step()) return make_error("not_found", "this account no longer exists");
    out["account"] = {{"organizer_id", st.text(0)},
                      {"email", st.text(1)},
                      {"email_verified", st.integer(2) != 0},
                      {"language", st.text(3)},
                      {"created_at", format_rfc3339(st.integer(4))},
                      {"has_password", st.text(5) != "!"}};
  }
  {
    auto st = db.prepare("SELECT id, label, created_at, revoked_at FROM api_keys WHERE organizer_id = ? ORDER BY created_at");
    st.bind(1, org.id);
    Json keys = Json::array();
    while (st.step())
      keys.push_back({{"id", st.text(0)}, {"label", st.text(1)}, {"created_at", format_rfc3339(st.integer(2))}, {"revoked_at", time_or_null(st, 3)}});
    out["api_keys"] = keys;
  }
  {
    auto st = db.prepare("SELECT created_at, expires_at FROM sessions WHERE organizer_id = ? ORDER BY created_at");
    st.bind(1, org.id);
    Json sessions = Json::array();
    while (st.step()) sessions.push_back({{"created_at", format_rfc3339(st.integer(0))}, {"expires_at", format_rfc3339(st.integer(1))}});
    out["sessions"] = sessions;
  }
  {
    auto st = db.prepare(
        "SELECT d.id, d.giveaway_id, d.commitment, d.draw_at, d.beacon, d.result, d.created_at, "
        "(SELECT length(leaves) / 32 FROM draw_leaves l WHERE l.draw_id = d.id), "
        "(SELECT received FROM draw_handle_uploads u WHERE u.draw_id = d.id) "
        "FROM draws d WHERE d.organizer_id = ? ORDER BY d.created_at, d.id");
    st.bind(1, org.id);
    Json draws = Json::array();
    while (st.step()) {
      Json d = {{"draw_id", st.text(0)},
                {"giveaway_id", st.text(1)},
                {"commitment", json_or_text(st.text(2))},
                {"draw_at", format_rfc3339(st.integer(3))},
                {"created_at", format_rfc3339(st.integer(6))}};
      d["beacon"] = st.is_null(4) ? Json(nullptr) : json_or_text(st.text(4));
      d["result"] = st.is_null(5) ? Json(nullptr) : json_or_text(st.text(5));
      d["published_leaf_hashes"] = st.is_null(7) ? Json(nullptr) : Json(st.integer(7));
      // The handle index holds participants' user ids and names (the entries themselves, not hashes).
      d["published_handle_entries"] = st.is_null(8) ? Json(nullptr) : Json(st.integer(8));
      draws.push_back(d);
    }
    out["draws"] = draws;
  }
  {
    auto st = db.prepare(
        "SELECT s.draw_id, s.seq, s.envelope FROM substitutions s JOIN draws d ON d.id = s.draw_id "
        "WHERE d.organizer_id = ? ORDER BY s.draw_id, s.seq");
    st.bind(1, org.id);
    Json subs = Json::array();
    while (st.step()) subs.push_back({{"draw_id", st.text(0)}, {"seq", st.integer(1)}, {"envelope", json_or_text(st.text(2))}});
    out["substitutions"] = subs;
  }
  {
    auto st = db.prepare(
        "SELECT subject, attempts, next_attempt_at, sent_at FROM outbox WHERE recipient = ? ORDER BY id");
    st.bind(1, org.email);
    Json mail = Json::array();
    while (st.step())
      mail.push_back({{"subject", st.text(0)}, {"attempts", st.integer(1)}, {"queued_until", format_rfc3339(st.integer(2))}, {"sent_at", time_or_null(st, 3)}});
    out["mail"] = mail;
  }
  {
    // The comment imports the organizer ran; the comments themselves are other people's words,
    // readable through GET /api/v1/imports/{id}/comments until their retention ends.
    auto st = db.prepare(
        "SELECT id, platform, post_id, include_replies, state, comments, created_at, comments_deleted_at FROM imports "
        "WHERE organizer_id = ? ORDER BY created_at, id");
    st.bind(1, org.id);
    Json imports = Json::array();
    while (st.step())
      imports.push_back({{"import_id", st.text(0)}, {"platform", st.text(1)}, {"post_id", st.text(2)},
                         {"include_replies", st.integer(3) != 0}, {"state", st.text(4)}, {"comments", st.integer(5)},
                         {"created_at", st.integer(6)}, {"comments_deleted_at", time_or_null(st, 7)}});
    out["imports"] = imports;
  }
  out["sign_ins"] = logins.identities(org.id);
  out["connections"] = connections.list(org.id)["connections"];
  out["connections_note"] = "platform access tokens are stored encrypted and are not part of the export";
  return out;
}

}  // namespace tirage::server
