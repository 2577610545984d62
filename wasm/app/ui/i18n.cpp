#include "wasm/app/ui/i18n.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "app_catalogs_embedded.hpp"

namespace tirage::app {

namespace {

const std::map<std::string, Json>& catalogs() {
  static const auto parsed = [] {
    std::map<std::string, Json> m;
    for (const auto& [lang, source] : tirage::server::embedded_app_catalogs()) {
      auto json = parse_json(source);
      m[lang] = json && json->is_object() ? std::move(*json) : Json::object();
    }
    return m;
  }();
  return parsed;
}

std::unique_ptr<Text>& current() {
  static std::unique_ptr<Text> t = std::make_unique<Text>("en", catalogs().at("en"));
  return t;
}

std::vector<std::string>& missing() {
  static std::vector<std::string> keys;
  return keys;
}

// Text answers "[key]" for a key its catalog lacks; that is noted once per key (cheap: only for answers in brackets).
std::string noted(std::string_view key, std::string out) {
  if (!out.empty() && out.front() == '[' && out.size() == key.size() + 2 && out.compare(1, key.size(), key) == 0 &&
      !text().has(key)) {
    auto& keys = missing();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.emplace_back(key);
  }
  return out;
}

}  // namespace

const std::vector<std::string>& app_languages() {
  static const std::vector<std::string> langs{"fr", "en", "es", "de"};
  return langs;
}

std::string pick_language(std::string_view browser_languages) {
  std::size_t pos = 0;
  while (pos <= browser_languages.size()) {
    auto end = browser_languages.find(',', pos);
    if (end == std::string_view::npos) end = browser_languages.size();
    std::string code(browser_languages.substr(pos, std::min<std::size_t>(end - pos, 2)));
    for (auto& c : code) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (const auto& lang : app_languages())
      if (code == lang) return lang;
    pos = end + 1;
  }
  return "en";
}

void set_language(std::string_view lang) {
  const auto& all = catalogs();
  auto it = all.find(std::string(lang));
  if (it == all.end()) it = all.find("en");
  current() = std::make_unique<Text>(it->first, it->second);
}

const Text& text() { return *current(); }

std::string T(std::string_view key, const TextVars& vars) { return noted(key, current()->get(key, vars)); }
std::string TP(std::string_view key, std::uint64_t n, const TextVars& vars) { return noted(key, current()->plural(key, n, vars)); }
std::string N(std::uint64_t n) { return current()->number(n); }

const std::vector<std::string>& missing_keys() { return missing(); }
void clear_missing_keys() { missing().clear(); }

}  // namespace tirage::app
