// Signing in with Google or Facebook, tied to the email accounts:
// - a provider account already linked signs its organizer in;
// - an address the provider vouches for (Google's email_verified) that matches
//   an existing organizer is NOT linked silently: the browser gets a link offer
//   (10 minutes, single use, bound to the same browser cookie as the OAuth
//   state) that the person must confirm;
// - an address the provider vouches for with no account creates one (verified, no password);
// - an address the provider does not vouch for (Facebook's, which it does not
//   say it checked; Google's email_verified false) is proven by mail first: the
//   offer (to link, or to create the account) goes to the address, and only
//   the browser that signed in can confirm it from that mail;
// - linking to an account whose address nobody had verified ends every
//   session and API key it has and clears its password: whoever signed up
//   with someone else's address keeps nothing once the owner arrives.
#pragma once

#include <string>

#include "server/accounts/organizers.hpp"
#include "server/legal/legal_pages.hpp"
#include "server/oauth/oauth_client.hpp"

namespace tirage::server {

struct LoginDecision {
  enum class Kind { signed_in, created, link_offered, offer_mailed } kind;
  Organizer organizer;      // signed_in, created: who is now signed in; link_offered: the existing account;
                            // offer_mailed: the address the offer went to (id empty when there is no account yet)
  std::string link_token;   // link_offered: goes in the confirm page; offer_mailed: goes in the mail
};

// What an offer is about, for its confirm page.
struct OfferView {
  std::string provider, email;
  LinkOfferKind kind;
};

class OAuthLogins {
 public:
  static constexpr UnixSeconds kOfferLifetime = 600;
  OAuthLogins(Database& db, Organizers& organizers) : db_(db), organizers_(organizers) {}

  // What a successful provider sign-in means for this browser.
  Result<LoginDecision> resolve(const std::string& provider, const Identity& who, const std::string& browser_token,
                                const std::string& language, UnixSeconds now);
  // Carries out the offer (once): links the provider account to the organizer, creating it for a mailed
  // offer to an address with no account; 'bad_request' when the offer is unknown, used, expired or from
  // another browser.
  Result<Organizer> confirm_link(const std::string& link_token, const std::string& browser_token, UnixSeconds now);
  // What the offer is about, for the confirm page; same errors as confirm_link, nothing consumed.
  Result<OfferView> describe_offer(const std::string& link_token, const std::string& browser_token, UnixSeconds now) const;
  // {"provider","email","linked_at"} for each sign-in linked to the organizer.
  Json identities(const std::string& organizer_id) const;
  // Unlinks the sign-ins a provider user id has with us (Meta's data-deletion callback); how many went.
  Result<int> delete_for_provider_user(const std::string& provider, const std::string& subject);

 private:
  Status link(const std::string& provider, const std::string& subject, const std::string& organizer_id,
              const std::string& email, UnixSeconds now);
  Result<std::string> offer(const std::string& provider, const Identity& who, const std::string& email,
                            const std::string& organizer_id, const std::string& browser_token, bool proven_by_mail,
                            UnixSeconds now);
  Database& db_;
  Organizers& organizers_;
};

}  // namespace tirage::server
