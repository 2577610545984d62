// Words of one language from a catalog (a JSON object of key -> string, or
// key -> {"one","many","other"} for plurals): {name} filling, CLDR plurals,
// digit grouping and dates written the way the language writes them. The
// catalogs are data (the app's, the certificate's); no user-facing string
// lives in code.
//
//   const Text t("fr", catalog);
//   t.plural("winners.count", 0)             // "0 gagnant"
//   t.get("hello", {{"name", "Ana"}})
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

using TextVars = std::map<std::string, std::string, std::less<>>;

// Replaces each {name} of text whose name is in vars, in one pass, so filled
// values that contain braces (an organizer's text) are never filled again.
std::string fill_vars(std::string_view text, const TextVars& vars);

class Text {
 public:
  // lang names the plural rules; catalog must outlive this object.
  Text(std::string lang, const Json& catalog);

  const std::string& language() const { return language_; }

  // The string for key with each {name} replaced by vars[name]; "[key]" if the catalog lacks it.
  std::string get(std::string_view key, const TextVars& vars = {}) const;

  // True when the catalog has a string or plural forms for key.
  bool has(std::string_view key) const;

  // The plural form of key for count n, with {n} set to n written with digit grouping.
  std::string plural(std::string_view key, std::uint64_t n, TextVars vars = {}) const;

  // n with the catalog's digit grouping ("number.group", from "number.group_min_digits" digits).
  std::string number(std::uint64_t n) const;

  // A time as the catalog writes dates ("date.format" with {day} {month} {year} {time}, "months", "date.first_day").
  std::string date(UnixSeconds t, bool with_seconds = true) const;

  // An RFC 3339 UTC time written as date() does; an error if text is not one.
  Result<std::string> date(std::string_view rfc3339, bool with_seconds = true) const;

 protected:
  const Json& entry(std::string_view key) const;

 private:
  std::string language_;
  const Json& catalog_;
};

}  // namespace tirage
