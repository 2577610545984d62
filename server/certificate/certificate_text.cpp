#include "server/certificate/certificate_text.hpp"

#include "server/certificate/catalogs_embedded.hpp"

namespace tirage::server {

namespace {

// Every catalog, parsed once (the texts are ours and checked by tests; a
// catalog that fails to parse reads as empty, so its strings show as "[key]").
const std::map<std::string, Json, std::less<>>& catalogs() {
  static const auto parsed = [] {
    std::map<std::string, Json, std::less<>> m;
    for (const auto& [lang, text] : embedded_certificate_catalogs()) {
      auto json = parse_json(text);
      m[lang] = json && json->is_object() ? std::move(*json) : Json::object();
    }
    return m;
  }();
  return parsed;
}

}  // namespace

const Json& certificate_catalog(std::string_view lang) {
  const auto& all = catalogs();
  auto it = all.find(lang);
  return it != all.end() ? it->second : all.at("en");
}

std::vector<std::string> certificate_languages() {
  std::vector<std::string> langs{"en"};
  for (const auto& [lang, catalog] : catalogs())
    if (lang != "en") langs.push_back(lang);
  return langs;
}

namespace {
std::string known_language(std::string_view lang) { return catalogs().contains(lang) ? std::string(lang) : "en"; }
}  // namespace

CertificateText::CertificateText(std::string_view lang) : Text(known_language(lang), certificate_catalog(known_language(lang))) {}

Result<std::string> CertificateText::date(std::string_view rfc3339) const {
  auto text = Text::date(rfc3339);
  if (!text) return make_error("certificate_time", "the certificate needs RFC 3339 times; got \"" + std::string(rfc3339) + "\"");
  return text;
}

std::string CertificateText::platform(std::string_view id) const {
  const Json& name = entry("platform." + std::string(id));
  return name.is_string() ? name.get<std::string>() : std::string(id);
}

}  // namespace tirage::server
