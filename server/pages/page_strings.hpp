// The public pages' strings in FR, EN, ES, DE, from one
// catalog file per language (server/pages/catalogs/*.json, compiled in), with
// {name} substitution and dates written the way each language writes them.
#pragma once

#include <map>
#include <string>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

class PageStrings {
 public:
  // The catalog for language (fr, en, es, de), English for anything else.
  explicit PageStrings(const std::string& language);
  // The string for key with each {name} replaced by vars[name].
  std::string operator()(const char* key, const std::map<std::string, std::string>& vars = {}) const;
  // An RFC 3339 time as this language writes it ("24 décembre 2026 à 18:00 UTC").
  std::string date(const std::string& rfc3339) const;
  const Json& catalog() const { return c_; }

 private:
  const Json& c_;
};

// Replaces each {name} in text by vars[name].
std::string substitute_vars(std::string text, const std::map<std::string, std::string>& vars);

// The catalog for language among a set of embedded catalogs (language code ->
// JSON text), English when the language is missing; each set is parsed once.
const Json& select_catalog(const std::map<std::string, std::string>& embedded, const std::string& language);

}  // namespace tirage::server
