#include "server/oauth/data_deletion.hpp"

#include <set>

#include "server/imports/comment_retention.hpp"
#include "server/log/event_log.hpp"
#include "server/random.hpp"

namespace tirage::server {

namespace {

// The organizers whose connection or sign-in on provider is that user's, found before either goes.
std::set<std::string> organizers_of(Database& db, const std::string& provider, const std::string& app_user_id) {
  std::lock_guard lock(db.mutex());
  auto st = db.prepare(
      "SELECT organizer_id FROM connections WHERE platform = ?1 AND (app_user_id = ?2 OR account_id = ?2)"
      " UNION SELECT organizer_id FROM oauth_identities WHERE provider = ?1 AND subject = ?2");
  st.bind(1, provider).bind(2, app_user_id);
  std::set<std::string> out;
  while (st.step()) out.insert(st.text(0));
  return out;
}

}  // namespace

Result<std::string> DataDeletion::erase(const std::string& provider, const std::string& app_user_id, UnixSeconds now) {
  const std::set<std::string> organizers = organizers_of(db_, provider, app_user_id);
  // The comments they imported from this platform are deleted too (the import records stay, saying so).
  int imports = 0;
  for (const auto& organizer : organizers) {
    auto purged = purge_organizer_comments(db_, organizer, provider, kDeletedOnPlatformRequest, now);
    if (!purged) return purged.error();
    imports += *purged;
  }
  auto connections = connections_.delete_for_platform_user(provider, app_user_id);
  if (!connections) return connections.error();
  auto identities = logins_.delete_for_provider_user(provider, app_user_id);
  if (!identities) return identities.error();
  std::string code = to_hex(random_bytes(10));
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT INTO data_deletion_requests (confirmation_code, provider, app_user_id, status, connections_deleted, "
      "identities_deleted, received_at, imports_purged) VALUES (?, ?, ?, 'completed', ?, ?, ?, ?)");
  st.bind(1, code).bind(2, provider).bind(3, app_user_id).bind(4, *connections).bind(5, *identities).bind(6, now);
  st.bind(7, std::int64_t{imports});
  if (auto ok = st.run(); !ok) return ok.error();
  log_event("info", "data_deleted", {{"provider", provider}, {"code", code}, {"connections", *connections}, {"identities", *identities},
                                        {"imports", imports}});
  return code;
}

std::optional<Json> DataDeletion::status(const std::string& code) const {
  if (code.empty() || code.size() > 64) return std::nullopt;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT provider, status, received_at, connections_deleted, identities_deleted, imports_purged FROM data_deletion_requests "
      "WHERE confirmation_code = ?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return Json{{"confirmation_code", code},
              {"provider", st.text(0)},
              {"status", st.text(1)},
              {"received_at", format_rfc3339(st.integer(2))},
              {"connections_deleted", st.integer(3)},
              {"identities_deleted", st.integer(4)},
              {"imports_with_comments_deleted", st.integer(5)}};
}

}  // namespace tirage::server
