// CLDR cardinal plural categories of the four languages, for the
// whole numbers the product counts (winners, alternates, participants).
//
//   en, de: one (1), other
//   fr:     one (0, 1), many (1 000 000, 2 000 000, ...), other
//   es:     one (1),    many (1 000 000, 2 000 000, ...), other
//
// A catalog entry that needs a plural is an object {"one": ..., "many": ...,
// "other": ...}; a missing category falls back to "other".
#pragma once

#include <cstdint>
#include <string_view>

namespace tirage {

enum class PluralCategory { one, many, other };

// The CLDR category of the whole number n in lang (any other language: English rules).
PluralCategory plural_category(std::string_view lang, std::uint64_t n);

// The category's name as catalogs spell it ("one", "many", "other").
std::string_view plural_category_name(PluralCategory category);

}  // namespace tirage
