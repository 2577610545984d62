// The app's words: one catalog per language (wasm/app/catalogs/<lang>.json,
// compiled in), the language chosen from the browser and switchable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/i18n/text.hpp"

namespace tirage::app {

// The languages the app speaks, in menu order.
const std::vector<std::string>& app_languages();

// The best app language for a browser list like "fr-CH,fr,en" (English when none matches).
std::string pick_language(std::string_view browser_languages);

// Switches every later T()/TP() call to lang (one of app_languages()).
void set_language(std::string_view lang);
const Text& text();

// The current language's string for key, with {name} filled.
std::string T(std::string_view key, const TextVars& vars = {});
// The plural form of key for n ({n} is n with the language's digit grouping).
std::string TP(std::string_view key, std::uint64_t n, const TextVars& vars = {});
// n with the language's digit grouping.
std::string N(std::uint64_t n);

// The keys T() and TP() were asked for that the current language's catalog lacks (shown as "[key]"), since the
// last clear: the headless frame test draws every screen and fails on any.
const std::vector<std::string>& missing_keys();
void clear_missing_keys();

}  // namespace tirage::app
