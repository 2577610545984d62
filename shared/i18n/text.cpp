#include "shared/i18n/text.hpp"

#include "shared/i18n/plural_rules.hpp"

namespace tirage {

std::string fill_vars(std::string_view text, const TextVars& vars) {
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

Text::Text(std::string lang, const Json& catalog) : language_(std::move(lang)), catalog_(catalog) {}

const Json& Text::entry(std::string_view key) const {
  static const Json missing;
  if (!catalog_.is_object()) return missing;
  auto it = catalog_.find(key);
  return it != catalog_.end() ? *it : missing;
}

bool Text::has(std::string_view key) const { return !entry(key).is_null(); }

std::string Text::get(std::string_view key, const TextVars& vars) const {
  const Json& e = entry(key);
  if (!e.is_string()) return "[" + std::string(key) + "]";
  return fill_vars(e.get_ref<const std::string&>(), vars);
}

std::string Text::plural(std::string_view key, std::uint64_t n, TextVars vars) const {
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
  return fill_vars(form->get_ref<const std::string&>(), vars);
}

std::string Text::number(std::uint64_t n) const {
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

std::string Text::date(UnixSeconds t, bool with_seconds) const {
  const std::string iso = format_rfc3339(t);  // YYYY-MM-DDTHH:MM:SSZ
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0'), day = (iso[8] - '0') * 10 + (iso[9] - '0');
  const Json& months = entry("months");
  const Json& first = entry("date.first_day");
  const std::string month_name =
      months.is_array() && months.size() == 12 && months[month - 1].is_string() ? months[month - 1].get<std::string>() : iso.substr(5, 2);
  return get("date.format", {{"day", day == 1 && first.is_string() ? first.get<std::string>() : std::to_string(day)},
                             {"month", month_name},
                             {"year", iso.substr(0, 4)},
                             {"time", iso.substr(11, with_seconds ? 8 : 5)}});
}

Result<std::string> Text::date(std::string_view rfc3339, bool with_seconds) const {
  auto t = parse_rfc3339(rfc3339);
  if (!t) return make_error("bad_time", "expected an RFC 3339 UTC time like 2026-12-24T18:00:00Z; got \"" + std::string(rfc3339) + "\"");
  return date(*t, with_seconds);
}

}  // namespace tirage
