#include "server/oauth/connections.hpp"

#include "server/log/event_log.hpp"
#include "server/secrets.hpp"

namespace tirage::server {

namespace {

std::string context(const std::string& organizer_id, std::string_view platform, const char* which) {
  return organizer_id + "\n" + std::string(platform) + "\n" + which;
}

bool known_platform(std::string_view platform) { return provider_for_platform(platform) != nullptr; }

Error unknown_platform(std::string_view platform) {
  return make_error("not_found", "\"" + std::string(platform.substr(0, 40)) +
                                     "\" is not a platform; use instagram, facebook, youtube, x or tiktok");
}

}  // namespace

// [SECTION] Clients

Result<OAuthClients> OAuthClients::from_environment(const std::string& public_url, const std::string& sandbox) {
  OAuthClients out;
  for (const auto& spec : providers()) {
    auto id = read_secret(spec.env_prefix + "_CLIENT_ID");
    if (!id) return id.error();
    auto secret = read_secret(spec.env_prefix + "_CLIENT_SECRET");
    if (!secret) return secret.error();
    if (id->has_value() != secret->has_value())
      return make_error("config", spec.env_prefix + "_CLIENT_ID and " + spec.env_prefix +
                                      "_CLIENT_SECRET (or _FILE) must be set together");
    if (id->has_value()) out.add(spec, {**id, **secret}, public_url, sandbox);
  }
  return out;
}

void OAuthClients::add(const ProviderSpec& spec, ClientCredentials credentials, const std::string& public_url,
                       const std::string& sandbox) {
  secrets_[spec.id] = credentials.secret;
  clients_[spec.id] = std::make_shared<OAuthClient>(spec, std::move(credentials),
                                                    public_url + "/api/v1/oauth/" + spec.id + "/callback", sandbox);
}

Result<const OAuthClient*> OAuthClients::client(std::string_view provider) const {
  const ProviderSpec* spec = find_provider(provider);
  if (!spec) return make_error("not_found", "\"" + std::string(provider.substr(0, 40)) + "\" is not a sign-in provider");
  auto it = clients_.find(provider);
  if (it == clients_.end())
    return make_error("not_configured", spec->name + " is not set up on this server (" + spec->env_prefix +
                                            "_CLIENT_ID and _CLIENT_SECRET are missing)");
  return it->second.get();
}

std::string OAuthClients::secret(std::string_view provider) const {
  auto it = secrets_.find(provider);
  return it == secrets_.end() ? "" : it->second;
}

// [SECTION] Connections

Result<const TokenCipher*> Connections::cipher() const {
  if (!cipher_) return make_error("not_configured", "platform connections need TIRAGE_TOKEN_KEY (or TIRAGE_TOKEN_KEY_FILE) on the server");
  return &*cipher_;
}

Result<Connections::Sealed> Connections::seal(const std::string& organizer_id, std::string_view platform,
                                              const TokenSet& tokens) const {
  auto c = cipher();
  if (!c) return c.error();
  Sealed out;
  out.key_id = (*c)->key_id();
  auto access = (*c)->seal(tokens.access_token, context(organizer_id, platform, "access"));
  if (!access) return access.error();
  out.access = std::move(*access);
  if (!tokens.refresh_token.empty()) {
    auto r = (*c)->seal(tokens.refresh_token, context(organizer_id, platform, "refresh"));
    if (!r) return r.error();
    out.refresh = std::move(*r);
  }
  return out;
}

Status Connections::save(const std::string& organizer_id, const ProviderSpec& provider, const Identity& account,
                         const TokenSet& tokens, UnixSeconds now) {
  const std::string& platform = provider.platform;
  auto sealed = seal(organizer_id, platform, tokens);
  if (!sealed) return sealed.error();
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "INSERT OR REPLACE INTO connections (organizer_id, platform, account_id, app_user_id, account_name, scopes, key_id, "
      "access_token, refresh_token, access_expires_at, refresh_expires_at, created_at, refreshed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, organizer_id).bind(2, platform).bind(3, account.subject).bind(4, account.app_user_id).bind(5, account.name);
  st.bind(6, tokens.scope.substr(0, 1000)).bind(7, sealed->key_id).bind_blob(8, sealed->access);
  st.bind_optional_blob(9, sealed->refresh).bind_optional(10, tokens.access_expires_at);
  st.bind_optional(11, tokens.refresh_expires_at).bind(12, now).bind(13, now);
  return st.run();
}

Json Connections::list(const std::string& organizer_id) const {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "SELECT platform, account_id, account_name, scopes, created_at, access_expires_at, refresh_token IS NOT NULL, "
      "refreshed_at FROM connections WHERE organizer_id = ? ORDER BY platform");
  st.bind(1, organizer_id);
  Json out = Json::array();
  while (st.step()) {
    Json c = {{"platform", st.text(0)},
              {"account_id", st.text(1)},
              {"account_name", st.text(2)},
              {"scopes", st.text(3)},
              {"connected_at", format_rfc3339(st.integer(4))},
              {"renewable", st.integer(6) != 0 || st.text(0) == "instagram"},
              {"refreshed_at", format_rfc3339(st.integer(7))}};
    c["expires_at"] = st.is_null(5) ? Json(nullptr) : Json(format_rfc3339(st.integer(5)));
    out.push_back(c);
  }
  return Json{{"connections", out}};
}

Result<Connections::Row> Connections::load(const std::string& organizer_id, std::string_view platform) const {
  auto c = cipher();
  if (!c) return c.error();
  std::string access, refresh;
  Row row;
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare(
        "SELECT account_id, key_id, access_token, refresh_token, access_expires_at, refresh_expires_at, scopes "
        "FROM connections WHERE organizer_id = ? AND platform = ?");
    st.bind(1, organizer_id).bind(2, platform);
    if (!st.step())
      return make_error("not_found", "no " + std::string(platform) + " account is connected; connect one first");
    row.account_id = st.text(0);
    row.key_id = st.text(1);
    access = st.blob(2);
    if (!st.is_null(3)) refresh = st.blob(3);
    row.tokens.access_expires_at = st.optional_integer(4);
    row.tokens.refresh_expires_at = st.optional_integer(5);
    row.tokens.scope = st.text(6);
  }
  auto a = (*c)->open(access, context(organizer_id, platform, "access"));
  if (!a) return a.error();
  row.tokens.access_token = *a;
  if (!refresh.empty()) {
    auto r = (*c)->open(refresh, context(organizer_id, platform, "refresh"));
    if (!r) return r.error();
    row.tokens.refresh_token = *r;
  }
  return row;
}

Status Connections::store_tokens(const std::string& organizer_id, std::string_view platform, const TokenSet& tokens,
                                 UnixSeconds now) {
  auto sealed = seal(organizer_id, platform, tokens);
  if (!sealed) return sealed.error();
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare(
      "UPDATE connections SET key_id = ?, access_token = ?, refresh_token = ?, access_expires_at = ?, "
      "refresh_expires_at = ?, refreshed_at = ? WHERE organizer_id = ? AND platform = ?");
  st.bind(1, sealed->key_id).bind_blob(2, sealed->access).bind_optional_blob(3, sealed->refresh);
  st.bind_optional(4, tokens.access_expires_at).bind_optional(5, tokens.refresh_expires_at).bind(6, now).bind(7, organizer_id).bind(8, platform);
  return st.run();
}

Result<std::string> Connections::access_token(const std::string& organizer_id, std::string_view platform, UnixSeconds now) {
  if (!known_platform(platform)) return unknown_platform(platform);
  const ProviderSpec& spec = *provider_for_platform(platform);
  std::lock_guard refresh_lock(refresh_mu_);
  auto row = load(organizer_id, platform);
  if (!row) return row.error();
  const auto& t = row->tokens;
  const UnixSeconds margin = spec.long_lived_url.empty() ? kRefreshMargin : kLongLivedMargin;
  if (!t.access_expires_at || *t.access_expires_at - margin > now) return t.access_token;
  const bool expired = *t.access_expires_at <= now;
  // Meta long-lived tokens within their last week still work; renewal is best effort until they expire.
  auto client = clients_.client(spec.id);
  if (!client) return expired ? Result<std::string>(client.error()) : Result<std::string>(t.access_token);
  auto fresh = (*client)->refresh(t, now);
  if (!fresh) {
    log_event("warn", "token_refresh_failed", {{"organizer", organizer_id}, {"platform", std::string(platform)}, {"reason", fresh.error().message}});
    if (expired || spec.long_lived_url.empty()) return fresh.error();
    return t.access_token;
  }
  if (auto ok = store_tokens(organizer_id, platform, *fresh, now); !ok) return ok.error();
  log_event("info", "token_refreshed", {{"organizer", organizer_id}, {"platform", std::string(platform)}});
  return fresh->access_token;
}

Status Connections::token_rejected(const std::string& organizer_id, std::string_view platform, const std::string& rejected) {
  std::lock_guard refresh_lock(refresh_mu_);
  auto row = load(organizer_id, platform);
  if (!row) return row.error();
  if (row->tokens.access_token != rejected) return {};
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("UPDATE connections SET access_expires_at = 0 WHERE organizer_id = ? AND platform = ?");
  st.bind(1, organizer_id).bind(2, platform);
  return st.run();
}

Result<std::vector<FacebookPage>> Connections::facebook_pages(const std::string& organizer_id, UnixSeconds now) {
  auto user_token = access_token(organizer_id, "facebook", now);
  if (!user_token) return user_token.error();
  auto client = clients_.client("facebook");
  if (!client) return client.error();
  return (*client)->managed_pages(*user_token);
}

Result<std::string> Connections::page_access_token(const std::string& organizer_id, const std::string& page_id, UnixSeconds now) {
  auto pages = facebook_pages(organizer_id, now);
  if (!pages) return pages.error();
  for (const auto& p : *pages)
    if (p.id == page_id) return p.access_token;
  return make_error("not_found", "the connected Facebook account does not manage the Page " + page_id.substr(0, 40));
}

Result<Json> Connections::disconnect(const std::string& organizer_id, std::string_view platform) {
  if (!known_platform(platform)) return unknown_platform(platform);
  const ProviderSpec& spec = *provider_for_platform(platform);
  std::lock_guard refresh_lock(refresh_mu_);
  auto row = load(organizer_id, platform);
  if (!row && row.error().code == "not_found") return row.error();
  Json answer = {{"platform", std::string(platform)}, {"deleted", true}};
  // Revocation is attempted, never required: the tokens are deleted whatever the platform says.
  if (!row) {
    answer["revoked"] = false;
    answer["revoke_note"] = row.error().message;
  } else if (auto client = clients_.client(spec.id); !client) {
    answer["revoked"] = false;
    answer["revoke_note"] = client.error().message;
  } else if (auto revoked = (*client)->revoke(row->tokens); !revoked) {
    answer["revoked"] = false;
    answer["revoke_note"] = revoked.error().message;
  } else {
    answer["revoked"] = *revoked;
    if (!*revoked) answer["revoke_note"] = spec.name + " offers no way to revoke a token; remove Tirage in the app's settings there";
  }
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("DELETE FROM connections WHERE organizer_id = ? AND platform = ?");
  st.bind(1, organizer_id).bind(2, platform);
  if (auto ok = st.run(); !ok) return ok.error();
  log_event("info", "connection_deleted", {{"organizer", organizer_id}, {"platform", std::string(platform)}, {"revoked", answer["revoked"]}});
  return answer;
}

Result<int> Connections::delete_for_platform_user(std::string_view platform, const std::string& app_user_id) {
  std::lock_guard lock(db_.mutex());
  auto st = db_.prepare("DELETE FROM connections WHERE platform = ? AND (app_user_id = ? OR account_id = ?)");
  st.bind(1, platform).bind(2, app_user_id).bind(3, app_user_id);
  if (auto ok = st.run(); !ok) return ok.error();
  auto count = db_.prepare("SELECT changes()");
  return count.step() ? static_cast<int>(count.integer(0)) : 0;
}

Result<int> Connections::reseal_all() {
  if (!cipher_) return 0;
  std::vector<std::pair<std::string, std::string>> stale;
  {
    std::lock_guard lock(db_.mutex());
    auto st = db_.prepare("SELECT organizer_id, platform FROM connections WHERE key_id != ?");
    st.bind(1, cipher_->key_id());
    while (st.step()) stale.emplace_back(st.text(0), st.text(1));
  }
  int done = 0;
  for (const auto& [org, platform] : stale) {
    auto row = load(org, platform);
    if (!row) {
      log_event("warn", "token_reseal_failed", {{"organizer", org}, {"platform", platform}, {"reason", row.error().message}});
      continue;
    }
    std::lock_guard lock(db_.mutex());
    auto keep = db_.prepare("SELECT refreshed_at FROM connections WHERE organizer_id = ? AND platform = ?");
    keep.bind(1, org).bind(2, platform);
    const UnixSeconds refreshed = keep.step() ? keep.integer(0) : 0;
    if (auto ok = store_tokens(org, platform, row->tokens, refreshed); !ok) return ok.error();
    ++done;
  }
  return done;
}

}  // namespace tirage::server
