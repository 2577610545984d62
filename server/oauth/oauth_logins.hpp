// Signing in with Google or Facebook, tied to the email accounts:
// - a provider account already linked signs its organizer in;
// - a verified email that matches an existing organizer is NOT linked silently:
//   the browser gets a link offer (10 minutes, single use, bound to the same
//   browser cookie as the OAuth state) that the person must confirm;
// - a verified email with no account creates one (verified, no password);
// - an unverified email is refused.
#pragma once

#include <string>

#include "server/accounts/organizers.hpp"
#include "server/oauth/oauth_client.hpp"

namespace tirage::server {

struct LoginDecision {
  enum class Kind { signed_in, created, link_offered } kind;
  Organizer organizer;      // signed_in, created: who is now signed in; link_offered: the existing account
  std::string link_token;   // link_offered: goes in the confirm page
};

class OAuthLogins {
 public:
  static constexpr UnixSeconds kOfferLifetime = 600;
  OAuthLogins(Database& db, Organizers& organizers) : db_(db), organizers_(organizers) {}

  // What a successful provider sign-in means for this browser.
  Result<LoginDecision> resolve(const std::string& provider, const Identity& who, const std::string& browser_token,
                                const std::string& language, UnixSeconds now);
  // Links the offered provider account to the existing organizer (once); 'bad_request' when
  // the offer is unknown, used, expired or from another browser.
  Result<Organizer> confirm_link(const std::string& link_token, const std::string& browser_token, UnixSeconds now);
  // What the offer is about, for the confirm page: provider and email; same errors as confirm_link, nothing consumed.
  Result<std::pair<std::string, std::string>> describe_offer(const std::string& link_token, const std::string& browser_token,
                                                             UnixSeconds now) const;
  // {"provider","email","linked_at"} for each sign-in linked to the organizer.
  Json identities(const std::string& organizer_id) const;
  // Unlinks the sign-ins a provider user id has with us (Meta's data-deletion callback); how many went.
  Result<int> delete_for_provider_user(const std::string& provider, const std::string& subject);

 private:
  Status link(const std::string& provider, const std::string& subject, const std::string& organizer_id,
              const std::string& email, UnixSeconds now);
  Database& db_;
  Organizers& organizers_;
};

}  // namespace tirage::server
