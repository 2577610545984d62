#include "server/accounts/access_reset.hpp"

namespace tirage::server {

namespace {
int changes(Database& db) {
  auto st = db.prepare("SELECT changes()");
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}
}  // namespace

Result<AccessEnded> end_every_access(Database& db, const std::string& organizer_id, UnixSeconds now, bool clear_password) {
  std::lock_guard lock(db.mutex());
  AccessEnded ended;
  auto sessions = db.prepare("DELETE FROM sessions WHERE organizer_id = ?");
  sessions.bind(1, organizer_id);
  if (auto ok = sessions.run(); !ok) return ok.error();
  ended.sessions = changes(db);
  auto keys = db.prepare("UPDATE api_keys SET revoked_at = ? WHERE organizer_id = ? AND revoked_at IS NULL");
  keys.bind(1, now).bind(2, organizer_id);
  if (auto ok = keys.run(); !ok) return ok.error();
  ended.api_keys = changes(db);
  // Links already mailed for this account (a reset asked by the squatter) must not outlive this.
  auto tokens = db.prepare("UPDATE one_time_tokens SET used_at = ? WHERE organizer_id = ? AND used_at IS NULL AND purpose = 'reset_password'");
  tokens.bind(1, now).bind(2, organizer_id);
  if (auto ok = tokens.run(); !ok) return ok.error();
  if (clear_password) {
    // "!" is no scrypt hash: no password opens the account until a reset sets one.
    auto pw = db.prepare("UPDATE organizers SET password_hash = '!' WHERE id = ?");
    pw.bind(1, organizer_id);
    if (auto ok = pw.run(); !ok) return ok.error();
  }
  return ended;
}

}  // namespace tirage::server
