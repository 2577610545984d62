// What an organizer does with their account, with the mail and the limits
// that come with it: sign-up (mailing a verification link, or a reset link
// when the address has an account), verification, login (failures limited per
// address and network), password reset, deletion (mailing a last notice) and
// API keys. The routes (server/accounts/account_routes.hpp) only translate HTTP.
#pragma once

#include <string>

#include "server/accounts/access_reset.hpp"
#include "server/accounts/account_deletion.hpp"
#include "server/accounts/organizer.hpp"
#include "server/accounts/organizers.hpp"
#include "server/accounts/sessions.hpp"
#include "server/db/database.hpp"
#include "server/http/rate_limiter.hpp"
#include "server/mail/outbox.hpp"

namespace tirage::server {

// Where the mailed links point, and whom a deleted account may still write to.
struct AccountSite {
  std::string public_url;
  std::string operator_contact;
};

// The actions limited per address asked about and per client network.
enum class LimitedAction { sign_up, log_in, reset };

struct SignedIn {
  Organizer organizer;
  NewSession session;
};

class AccountService {
 public:
  AccountService(Database& db, Organizers& organizers, Sessions& sessions, Outbox& outbox, AccountSite site)
      : db_(db), organizers_(organizers), sessions_(sessions), tokens_(db), outbox_(outbox), site_(std::move(site)) {}

  // Mails a verification link to a new address, or a reset link to an existing account's owner; the
  // answer and the work are the same either way, so it tells nobody who has an account. The normalized address.
  Result<std::string> sign_up(const std::string& email, const std::string& password, const std::string& language,
                              const std::string& client_address, UnixSeconds now);
  // Marks the address of the verification token's organizer as proved.
  Status verify_email(const std::string& token, UnixSeconds now);
  // A new session for the password's owner; failures count towards 'rate_limited'.
  Result<SignedIn> log_in(const std::string& email, const std::string& password, const std::string& client_address,
                          UnixSeconds now);
  // Ends the session of that cookie token.
  Status log_out(const std::string& session_token);
  // Mails a reset link if the address has an account; succeeds either way (limited per address asked about).
  Status request_reset(const std::string& email, const std::string& client_address, UnixSeconds now);
  // Whoever holds the reset link holds the address: sets the password, counts the address as
  // verified, and ends every session and API key (a squatter's too).
  Result<AccessEnded> confirm_reset(const std::string& token, const std::string& password, UnixSeconds now);
  // {"organizer_id","email","verified"}, and "csrf_token" when session_token is a live session.
  Json me(const Organizer& org, const std::string& session_token, UnixSeconds now) const;
  // Deletes the account once confirm is its address, and mails a last notice of what went and what stays.
  Result<DeletedAccount> delete_account(const Organizer& org, const std::string& confirm, UnixSeconds now);
  // 'email_unverified' until the organizer proved the address: a key outlives sessions and works from anywhere.
  Status may_create_api_key(const Organizer& org) const;
  // scopes: as api_key_scopes() gives them (server/accounts/api_key_scopes.hpp).
  Result<NewApiKey> create_api_key(const Organizer& org, const std::string& label, UnixSeconds now, const std::string& scopes);
  Json list_api_keys(const Organizer& org) const { return organizers_.list_api_keys(org); }
  // Revokes one of the organizer's keys; 'not_found' for anyone else's.
  Status revoke_api_key(const Organizer& org, const std::string& key_id, UnixSeconds now) {
    return organizers_.revoke_api_key(org, key_id, now);
  }
  // Seconds to wait after a 'rate_limited' refusal of the action (for Retry-After).
  UnixSeconds retry_after(LimitedAction action) const;

 private:
  // 'rate_limited' when either limit is spent; takes one event from each otherwise.
  Status take(RateLimiter& per_email, const std::string& email, RateLimiter& per_address, const std::string& address,
              const char* what, UnixSeconds now);

  Database& db_;
  Organizers& organizers_;
  Sessions& sessions_;
  OneTimeTokens tokens_;
  Outbox& outbox_;
  const AccountSite site_;
  AccountLimits limits_;
};

}  // namespace tirage::server
