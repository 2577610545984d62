// Mail templates in FR, EN, ES, DE, from one catalog file per language
// (server/mail/catalogs/*.json, embedded at build time). Each message has a
// plain-text part and an HTML part made from the same text, escaped.
#pragma once

#include <map>
#include <string>

namespace tirage::server {

struct MailContent {
  std::string subject, text, html;
};

// Renders template `name` (verify, reset, published, ...) in `language` (falling
// back to English) with each {name} replaced by vars[name]; every mail ends with
// the link to the privacy policy at public_url + /privacy.
MailContent render_mail(const std::string& name, const std::string& language,
                        const std::map<std::string, std::string>& vars, const std::string& public_url);

}  // namespace tirage::server
