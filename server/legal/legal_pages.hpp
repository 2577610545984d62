// The pages platform app reviews ask for, server-rendered in FR, EN, ES, DE
// from server/legal/catalogs/*.json: privacy policy (/privacy), terms of
// service (/terms), data-deletion instructions (/data-deletion), the status of
// a deletion request (/data-deletion/status?code=), each naming the operator
// and how to reach them (from the configuration), and the pages of the
// sign-in flow (the offer to link a provider to an account or to create one,
// "check your mail", and errors). Their style is /assets/pages/legal.css: no
// inline code, so the Content-Security-Policy allows none.
#pragma once

#include <optional>
#include <string>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct LegalSite {
  std::string public_url;  // https://tirage.example
  std::string contact;     // where people write (--operator-contact, else the mail sender address)
  std::string operator_name, operator_address;  // who runs the service (--operator-name, --operator-address)
  // How long imported comments stay (server/imports/comment_retention.hpp), as the privacy policy states it.
  long long comments_after_draw_s = 0, comments_unused_s = 0;
};

// kind: privacy, terms or deletion.
std::string render_legal_page(const std::string& kind, const std::string& language, const LegalSite& site);
// The status of a deletion request (DataDeletion::status), or that the code is unknown.
std::string render_deletion_status(const std::optional<Json>& status, const std::string& code, const std::string& language,
                                   const LegalSite& site);
// What a sign-in offer asks: to link a provider that vouched for the address to its account, to link one
// whose address was proven by our mail, or to create the account for an address proven by our mail.
enum class LinkOfferKind { link_vouched, link_mailed, create_mailed };

// Asks to confirm the offer (see LinkOfferKind) for email; posts link_token to confirm.
std::string render_link_offer(const std::string& provider_name, const std::string& email, const std::string& link_token,
                              const std::string& language, LinkOfferKind kind = LinkOfferKind::link_vouched);
// Says a link was mailed to email because provider does not vouch for it.
std::string render_offer_mailed(const std::string& provider_name, const std::string& email, const std::string& language);
// A sign-in that did not complete, with the reason.
std::string render_sign_in_error(const std::string& message, const std::string& language);

}  // namespace tirage::server
