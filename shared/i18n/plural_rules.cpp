#include "shared/i18n/plural_rules.hpp"

namespace tirage {

PluralCategory plural_category(std::string_view lang, std::uint64_t n) {
  const bool millions = n != 0 && n % 1000000 == 0;  // "1 000 000 de participants"
  if (lang == "fr") {
    if (n <= 1) return PluralCategory::one;
    return millions ? PluralCategory::many : PluralCategory::other;
  }
  if (n == 1) return PluralCategory::one;
  if (lang == "es" && millions) return PluralCategory::many;
  return PluralCategory::other;
}

std::string_view plural_category_name(PluralCategory category) {
  switch (category) {
    case PluralCategory::one: return "one";
    case PluralCategory::many: return "many";
    case PluralCategory::other: break;
  }
  return "other";
}

}  // namespace tirage
