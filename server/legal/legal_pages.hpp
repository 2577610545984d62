// The pages platform app reviews ask for, server-rendered in FR, EN, ES, DE
// from server/legal/catalogs/*.json: privacy policy (/privacy), terms of
// service (/terms), data-deletion instructions (/data-deletion), the status of
// a deletion request (/data-deletion/status?code=), and the two pages of the
// sign-in flow (the offer to link a provider to an existing account, and errors).
#pragma once

#include <optional>
#include <string>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

struct LegalSite {
  std::string public_url;  // https://tirage.example
  std::string contact;     // where people write (the mail sender address)
};

// kind: privacy, terms or deletion.
std::string render_legal_page(const std::string& kind, const std::string& language, const LegalSite& site);
// The status of a deletion request (DataDeletion::status), or that the code is unknown.
std::string render_deletion_status(const std::optional<Json>& status, const std::string& code, const std::string& language,
                                   const LegalSite& site);
// Asks whether to link provider's sign-in to the existing account for email; posts link_token to confirm.
std::string render_link_offer(const std::string& provider_name, const std::string& email, const std::string& link_token,
                              const std::string& language);
// A sign-in that did not complete, with the reason.
std::string render_sign_in_error(const std::string& message, const std::string& language);

}  // namespace tirage::server
