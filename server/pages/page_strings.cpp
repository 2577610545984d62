#include "server/pages/page_strings.hpp"

#include "server/pages/catalogs_embedded.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

namespace {
const Json& catalog_for(const std::string& language) {
  static const std::map<std::string, Json> kCatalogs = [] {
    std::map<std::string, Json> m;
    for (const auto& [lang, text] : embedded_pages_catalogs()) m[lang] = *parse_json(text);
    return m;
  }();
  auto it = kCatalogs.find(language);
  return it != kCatalogs.end() ? it->second : kCatalogs.at("en");
}
}  // namespace

std::string fill_placeholders(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [k, v] : vars) {
    const std::string key = "{" + k + "}";
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + v.size())) text.replace(pos, key.size(), v);
  }
  return text;
}

PageStrings::PageStrings(const std::string& language) : c_(catalog_for(language)) {}

std::string PageStrings::operator()(const char* key, const std::map<std::string, std::string>& vars) const {
  return fill_placeholders(c_.at(key).get<std::string>(), vars);
}

std::string PageStrings::date(const std::string& rfc3339) const {
  auto t = parse_rfc3339(rfc3339);
  if (!t) return rfc3339;
  const std::string iso = format_rfc3339(*t);  // YYYY-MM-DDTHH:MM:SSZ
  const int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
  return fill_placeholders(c_.at("date.format").get<std::string>(), {{"day", std::to_string(day)},
                                                                     {"month", c_.at("months")[month - 1].get<std::string>()},
                                                                     {"year", iso.substr(0, 4)},
                                                                     {"time", iso.substr(11, 5)}});
}

}  // namespace tirage::server
