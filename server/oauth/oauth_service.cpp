// OAuthService: opening (token key and provider credentials from the
// environment) and what it mails; its HTTP routes are in oauth_routes.cpp.
#include "server/oauth/oauth_service.hpp"

#include <memory>

#include "server/log/event_log.hpp"
#include "server/mail/templates.hpp"

namespace tirage::server {

Result<std::unique_ptr<OAuthService>> OAuthService::open(Database& db, Organizers& organizers, Sessions& sessions,
                                                          Outbox& outbox, const OAuthSettings& settings) {
  std::unique_ptr<OAuthService> s(new OAuthService(db, organizers, sessions, outbox, settings));
  auto cipher = TokenCipher::from_environment();
  if (!cipher) return cipher.error();
  s->cipher_ = std::move(*cipher);
  auto clients = OAuthClients::from_environment(settings.public_url, settings.sandbox);
  if (!clients) return clients.error();
  s->clients_ = std::move(*clients);
  s->connections_ = std::make_unique<Connections>(db, s->cipher_, s->clients_);
  s->deletion_ = std::make_unique<DataDeletion>(db, *s->connections_, s->logins_);
  if (!s->cipher_)
    log_event("warn", "connections_disabled", {{"reason", "TIRAGE_TOKEN_KEY is not set, so platform tokens cannot be stored"}});
  auto resealed = s->connections_->reseal_all();
  if (!resealed) return resealed.error();
  if (*resealed > 0) log_event("info", "tokens_resealed", {{"count", *resealed}});
  if (!settings.sandbox.empty()) log_event("warn", "oauth_sandbox", {{"url", settings.sandbox}, {"effect", "every OAuth provider host is replaced by this address"}});
  return s;
}

Status OAuthService::mail_offer(const std::string& provider_name, const LoginDecision& decision, const std::string& language,
                                UnixSeconds now) {
  const std::string& email = decision.organizer.email;
  if (!mailed_offers_.take(email, now))
    return make_error("rate_limited", "too many sign-in links were mailed to this address; wait an hour");
  const std::string lang = decision.organizer.id.empty() ? language : organizers_.language(decision.organizer.id);
  auto mail = render_mail("link_offer", lang, {{"provider", provider_name},
                                               {"link", settings_.public_url + "/api/v1/oauth/link?token=" + decision.link_token}},
                          settings_.public_url);
  TIRAGE_TRY(outbox_.enqueue(email, mail, now));
  log_event("info", "sign_in_offer_mailed", {{"organizer", decision.organizer.id}});
  return {};
}

}  // namespace tirage::server
