#include "server/pages/page_strings.hpp"

#include <mutex>

#include "server/pages/catalogs_embedded.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

const Json& select_catalog(const std::map<std::string, std::string>& embedded, const std::string& language) {
  static std::mutex mu;
  static std::map<const void*, std::map<std::string, Json>> parsed;  // per embedded set
  std::lock_guard lock(mu);
  auto& set = parsed[&embedded];
  if (set.empty())
    for (const auto& [lang, text] : embedded) set[lang] = *parse_json(text);
  auto it = set.find(language);
  return it != set.end() ? it->second : set.at("en");
}

std::string substitute_vars(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [k, v] : vars) {
    const std::string key = "{" + k + "}";
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + v.size())) text.replace(pos, key.size(), v);
  }
  return text;
}

PageStrings::PageStrings(const std::string& language) : c_(select_catalog(embedded_pages_catalogs(), language)) {}

std::string PageStrings::operator()(const char* key, const std::map<std::string, std::string>& vars) const {
  return substitute_vars(c_.at(key).get<std::string>(), vars);
}

std::string PageStrings::date(const std::string& rfc3339) const {
  auto t = parse_rfc3339(rfc3339);
  if (!t) return rfc3339;
  const std::string iso = format_rfc3339(*t);  // YYYY-MM-DDTHH:MM:SSZ
  const int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
  return substitute_vars(c_.at("date.format").get<std::string>(), {{"day", std::to_string(day)},
                                                                     {"month", c_.at("months")[month - 1].get<std::string>()},
                                                                     {"year", iso.substr(0, 4)},
                                                                     {"time", iso.substr(11, 5)}});
}

}  // namespace tirage::server
