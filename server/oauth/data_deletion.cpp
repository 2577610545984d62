#include "server/oauth/data_deletion.hpp"

#include "server/log/event_log.hpp"
#include "server/random.hpp"

namespace tirage::server {

Result<std::string> DataDeletion::erase(const std::string& provider, const std::string& app_user_id, UnixSeconds now) {
  auto connections = connections_.delete_for_platform_user(provider, app_user_id);
  if (!connections) return connections.error();
  auto identities = logins_.delete_for_provider_user(provider, app_user_id);
  if (!identities) return identities.error();
  std::string code = to_hex(random_bytes(10));
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT INTO data_deletion_requests (confirmation_code, provider, app_user_id, status, connections_deleted, "
      "identities_deleted, received_at) VALUES (?, ?, ?, 'completed', ?, ?, ?)");
  st.bind(1, code).bind(2, provider).bind(3, app_user_id).bind(4, *connections).bind(5, *identities).bind(6, now);
  if (auto ok = st.run(); !ok) return ok.error();
  log_event("info", "data_deleted", {{"provider", provider}, {"code", code}, {"connections", *connections}, {"identities", *identities}});
  return code;
}

std::optional<Json> DataDeletion::status(const std::string& code) const {
  if (code.empty() || code.size() > 64) return std::nullopt;
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT provider, status, received_at, connections_deleted, identities_deleted FROM data_deletion_requests "
      "WHERE confirmation_code = ?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return Json{{"confirmation_code", code},
              {"provider", st.text(0)},
              {"status", st.text(1)},
              {"received_at", format_rfc3339(st.integer(2))},
              {"connections_deleted", st.integer(3)},
              {"identities_deleted", st.integer(4)}};
}

}  // namespace tirage::server
