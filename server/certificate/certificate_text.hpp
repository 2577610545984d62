// The certificate's words in FR, EN, ES, DE: one catalog per language
// (server/certificate/catalogs/<lang>.json, compiled into the binary), with
// {name} filling, CLDR plural forms, digit grouping and dates written the way
// each language writes them. No user-facing string lives in the code.
//
//   const CertificateText t("fr");
//   t.plural("list.count", 12345)          // "12 345 participants"
//   t.get("footer.page", {{"n", "1"}, {"total", "2"}})
//   *t.date("2026-12-01T18:00:00Z")        // "1er décembre 2026 à 18:00:00 UTC"
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/i18n/text.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

// The certificate's Text: the shared catalog mechanics over the embedded
// certificate catalogs, plus platform names.
class CertificateText : public Text {
 public:
  // The catalog for lang ("fr", "en", "es", "de"); any other value, English.
  explicit CertificateText(std::string_view lang);

  // An RFC 3339 UTC time as this language writes dates; an error if text is not one.
  Result<std::string> date(std::string_view rfc3339) const;

  // A platform's display name ("Instagram", "X"; "list" in this language); unknown ids unchanged.
  std::string platform(std::string_view id) const;
};

// The languages that have a catalog, English first.
std::vector<std::string> certificate_languages();

// The raw catalog of lang (for tests that compare catalogs); English for unknown languages.
const Json& certificate_catalog(std::string_view lang);

}  // namespace tirage::server
