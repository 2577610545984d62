#include "server/accounts/account_service.hpp"

#include "server/accounts/passwords.hpp"
#include "server/http/client_address.hpp"
#include "server/log/event_log.hpp"
#include "server/mail/templates.hpp"

namespace tirage::server {

Status AccountService::take(RateLimiter& per_email, const std::string& email, RateLimiter& per_address,
                            const std::string& address, const char* what, UnixSeconds now) {
  if (per_address.take(address_limit_key(address), now) && per_email.take(email_limit_key(email), now)) return {};
  return make_error("rate_limited", std::string("too many ") + what + " for this address or from this network; wait an hour");
}

UnixSeconds AccountService::retry_after(LimitedAction action) const {
  switch (action) {
    case LimitedAction::sign_up: return limits_.signup_per_email.window();
    case LimitedAction::log_in: return limits_.login_per_email.window();
    case LimitedAction::reset: return limits_.reset_per_email.window();
  }
  return 3600;
}

Result<std::string> AccountService::sign_up(const std::string& raw_email, const std::string& password,
                                            const std::string& language, const std::string& client_address, UnixSeconds now) {
  auto email = normalize_email(raw_email);
  if (!email) return email.error();
  TIRAGE_TRY(password_acceptable(password, *email));
  TIRAGE_TRY(take(limits_.signup_per_email, *email, limits_.signup_per_address, client_address, "sign-ups", now));
  auto existing = organizers_.by_email(*email);
  Result<Organizer> org = existing ? Result<Organizer>(*existing) : organizers_.create(*email, password, false, language, now);
  if (!org && org.error().code == "conflict") {  // created meanwhile by another request
    existing = organizers_.by_email(*email);
    if (existing) org = *existing;
  }
  if (!org) return org.error();
  MailContent mail;
  if (existing) {
    (void)hash_password(password);  // the scrypt a new account costs
    auto token = tokens_.issue(org->id, "reset_password", now, 3600);
    if (!token) return token.error();
    mail = render_mail("account_exists", organizers_.language(org->id), {{"link", site_.public_url + "/app#reset=" + *token}},
                       site_.public_url);
    log_event("info", "signup_existing", {{"organizer", org->id}});
  } else {
    auto token = tokens_.issue(org->id, "verify_email", now, 48 * 3600);
    if (!token) return token.error();
    mail = render_mail("verify", language, {{"link", site_.public_url + "/app#verify=" + *token}}, site_.public_url);
    log_event("info", "signup", {{"organizer", org->id}});
  }
  TIRAGE_TRY(outbox_.enqueue(org->email, mail, now));
  return *email;
}

Status AccountService::verify_email(const std::string& token, UnixSeconds now) {
  auto id = tokens_.consume(token, "verify_email", now);
  if (!id) return id.error();
  return organizers_.set_verified(*id);
}

Result<SignedIn> AccountService::log_in(const std::string& email, const std::string& password,
                                        const std::string& client_address, UnixSeconds now) {
  // Failures count under the normalized address ("V@x.com " is v@x.com) and the client's network.
  const std::string email_key = email_limit_key(email);
  const std::string address_key = address_limit_key(client_address);
  if (!limits_.login_per_email.allowed(email_key, now) || !limits_.login_per_address.allowed(address_key, now))
    return make_error("rate_limited", "too many failed logins; wait 15 minutes");
  auto org = organizers_.authenticate(email, password);
  if (!org) {
    limits_.login_per_email.record(email_key, now);
    limits_.login_per_address.record(address_key, now);
    log_event("warn", "login_failed", {{"address", client_address}});
    return org.error();
  }
  limits_.login_per_email.clear(email_key);
  auto session = sessions_.create(*org, now);
  if (!session) return session.error();
  return SignedIn{*org, *session};
}

Status AccountService::log_out(const std::string& session_token) { return sessions_.destroy(session_token); }

Status AccountService::request_reset(const std::string& email, const std::string& client_address, UnixSeconds now) {
  // Limited per address asked about, whether or not it has an account, so the limit tells nothing either.
  TIRAGE_TRY(take(limits_.reset_per_email, email, limits_.reset_per_address, client_address, "reset requests", now));
  auto org = organizers_.by_email(email);
  if (!org) return {};
  auto token = tokens_.issue(org->id, "reset_password", now, 3600);
  if (!token) return token.error();
  auto mail = render_mail("reset", organizers_.language(org->id), {{"link", site_.public_url + "/app#reset=" + *token}},
                          site_.public_url);
  return outbox_.enqueue(org->email, mail, now);
}

Result<AccessEnded> AccountService::confirm_reset(const std::string& token, const std::string& password, UnixSeconds now) {
  TIRAGE_TRY(password_acceptable(password, ""));
  auto id = tokens_.consume(token, "reset_password", now);
  if (!id) return id.error();
  TIRAGE_TRY(organizers_.set_password(*id, password));
  TIRAGE_TRY(organizers_.set_verified(*id));
  auto ended = end_every_access(db_, *id, now, false);
  if (!ended) return ended.error();
  log_event("info", "password_reset", {{"organizer", *id}, {"sessions_ended", ended->sessions}, {"api_keys_revoked", ended->api_keys}});
  return ended;
}

Json AccountService::me(const Organizer& org, const std::string& session_token, UnixSeconds now) const {
  Json me{{"organizer_id", org.id}, {"email", org.email}, {"verified", organizers_.verified(org.id)}};
  // A page reloaded with its session cookie gets its CSRF token back here:
  // only same-origin scripts can read this answer.
  if (auto session = sessions_.find(session_token, now)) me["csrf_token"] = session->csrf_token;
  return me;
}

Result<DeletedAccount> AccountService::delete_account(const Organizer& org, const std::string& confirm, UnixSeconds now) {
  TIRAGE_TRY(check_deletion_confirmation(org, confirm));
  const std::string lang = organizers_.language(org.id);
  auto deleted = server::delete_account(db_, org, now);
  if (!deleted) return deleted.error();
  auto mail = render_mail("account_deleted", lang,
                          {{"email", org.email}, {"date", format_rfc3339(now).substr(0, 10)},
                           {"draws", std::to_string(deleted->draws_kept)}, {"contact", site_.operator_contact}},
                          site_.public_url);
  // The last mail is forgotten once sent; the account is gone whether or not it leaves.
  if (auto ok = outbox_.enqueue(org.email, mail, now, true); !ok)
    log_event("error", "account_deleted_mail", {{"organizer", org.id}, {"error", ok.error().message}});
  log_event("info", "account_deleted", {{"organizer", org.id}, {"imports", deleted->imports}, {"draws_kept", deleted->draws_kept}});
  return deleted;
}

Status AccountService::may_create_api_key(const Organizer& org) const {
  if (!organizers_.verified(org.id))
    return make_error("email_unverified", "confirm your email address (the link we mailed) before creating API keys");
  return {};
}

Result<NewApiKey> AccountService::create_api_key(const Organizer& org, const std::string& label, UnixSeconds now,
                                                 const std::string& scopes) {
  TIRAGE_TRY(may_create_api_key(org));
  return organizers_.create_api_key(org, label, now, scopes);
}

}  // namespace tirage::server
