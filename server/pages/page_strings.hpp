// The public pages' and certificates' strings in FR, EN, ES, DE, from one
// catalog file per language (server/pages/catalogs/*.json, compiled in), with
// {placeholder} filling and dates written the way each language writes them.
#pragma once

#include <map>
#include <string>

#include "shared/protocol/jcs.hpp"

namespace tirage::server {

class PageStrings {
 public:
  // The catalog for language (fr, en, es, de), English for anything else.
  explicit PageStrings(const std::string& language);
  // The string for key with {placeholders} replaced.
  std::string operator()(const char* key, const std::map<std::string, std::string>& vars = {}) const;
  // An RFC 3339 time as this language writes it ("24 décembre 2026 à 18:00 UTC").
  std::string date(const std::string& rfc3339) const;
  const Json& catalog() const { return c_; }

 private:
  const Json& c_;
};

// Replaces each {name} in text by vars[name].
std::string fill_placeholders(std::string text, const std::map<std::string, std::string>& vars);

}  // namespace tirage::server
