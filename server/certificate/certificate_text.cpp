#include "server/certificate/certificate_text.hpp"

#include "server/certificate/catalogs_embedded.hpp"
#include "server/certificate/plural_rules.hpp"
#include "shared/core/time.hpp"

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

// Replaces each {name} of text whose name is in vars, in one pass, so values
// that contain braces (an organizer's reason) are never filled again.
std::string fill(std::string_view text, const TextVars& vars) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    auto it = vars.find(text.substr(open + 1, close - open - 1));
    if (it != vars.end()) {
      out += it->second;
    } else {
      out.append(text.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
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

CertificateText::CertificateText(std::string_view lang)
    : language_(catalogs().contains(lang) ? std::string(lang) : "en"), catalog_(certificate_catalog(language_)) {}

const Json& CertificateText::entry(std::string_view key) const {
  static const Json missing;
  auto it = catalog_.find(key);
  return it != catalog_.end() ? *it : missing;
}

std::string CertificateText::get(std::string_view key, const TextVars& vars) const {
  const Json& e = entry(key);
  if (!e.is_string()) return "[" + std::string(key) + "]";
  return fill(e.get_ref<const std::string&>(), vars);
}

std::string CertificateText::plural(std::string_view key, std::uint64_t n, TextVars vars) const {
  const Json& forms = entry(key);
  const std::string_view category = plural_category_name(plural_category(language_, n));
  const Json* form = nullptr;
  if (forms.is_object()) {
    auto it = forms.find(category);
    if (it == forms.end()) it = forms.find("other");
    if (it != forms.end() && it->is_string()) form = &*it;
  }
  if (!form) return "[" + std::string(key) + "]";
  vars["n"] = number(n);
  return fill(form->get_ref<const std::string&>(), vars);
}

std::string CertificateText::number(std::uint64_t n) const {
  const std::string digits = std::to_string(n);
  const Json& min = entry("number.group_min_digits");
  const Json& group = entry("number.group");
  if (!group.is_string() || !min.is_number_unsigned() || digits.size() < min.get<std::size_t>()) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group.get_ref<const std::string&>();
    out += digits[i];
  }
  return out;
}

Result<std::string> CertificateText::date(std::string_view rfc3339) const {
  auto t = parse_rfc3339(rfc3339);
  if (!t) return make_error("certificate_time", "the certificate needs RFC 3339 times; got \"" + std::string(rfc3339) + "\"");
  const std::string iso = format_rfc3339(*t);  // YYYY-MM-DDTHH:MM:SSZ
  const int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
  const Json& months = entry("months");
  const Json& first = entry("date.first_day");
  const std::string month_name =
      months.is_array() && months.size() == 12 && months[month - 1].is_string() ? months[month - 1].get<std::string>() : iso.substr(5, 2);
  return get("date.format", {{"day", day == 1 && first.is_string() ? first.get<std::string>() : std::to_string(day)},
                             {"month", month_name},
                             {"year", iso.substr(0, 4)},
                             {"time", iso.substr(11, 8)}});
}

std::string CertificateText::platform(std::string_view id) const {
  const Json& name = entry("platform." + std::string(id));
  return name.is_string() ? name.get<std::string>() : std::string(id);
}

}  // namespace tirage::server
