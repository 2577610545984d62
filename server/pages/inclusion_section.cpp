#include "server/pages/inclusion_section.hpp"

#include "server/pages/verify_page.hpp"

namespace tirage::server {

namespace {

// How each platform is written on the page (the same in every language).
std::string platform_label(const std::string& p) {
  if (p == "instagram") return "Instagram";
  if (p == "facebook") return "Facebook";
  if (p == "x") return "X";
  if (p == "youtube") return "YouTube";
  if (p == "tiktok") return "TikTok";
  return p;
}

}  // namespace

std::string render_inclusion_section(const PageStrings& t, const std::string& id, const Json& st,
                                     const InclusionChecks& checks) {
  const std::string data = " data-draw=\"" + escape_html(id) + "\" data-root=\"" +
                           escape_html(st["participants_root"].get<std::string>()) + "\" data-count=\"" +
                           std::to_string(st["participants_count"].get<std::uint64_t>()) + "\"";
  std::string h = "<h2>" + escape_html(t("incl.heading")) + "</h2>\n";
  const bool by_handle = !checks.handle_platforms.empty();
  if (by_handle) {
    std::string names, options;
    for (const auto& p : checks.handle_platforms) {
      names += (names.empty() ? "" : ", ") + platform_label(p);
      options += "<option value=\"" + escape_html(p) + "\">" + escape_html(platform_label(p)) + "</option>";
    }
    h += "<h3 class=\"incl-way\">" + escape_html(t("incl.by_handle")) + "</h3>\n";
    // The cost is stated whether or not the script runs: the API answers anyone.
    h += "<p class=\"privacy\" id=\"handle-privacy\">" +
         escape_html(t("incl.handle_privacy", {{"platforms", names}, {"n", std::to_string(checks.lookups_per_minute)}})) +
         "</p>\n";
    h += "<form id=\"handle-check\" class=\"incl\" hidden" + data + ">\n<label>" + escape_html(t("incl.platform")) +
         " <select name=\"platform\">" + options + "</select></label>\n<label>" + escape_html(t("incl.handle")) +
         " <input name=\"handle\" required autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"></label>\n";
    h += "<button type=\"submit\">" + escape_html(t("incl.button")) +
         "</button>\n<p id=\"handle-result\" class=\"incl-result\" role=\"status\"></p>\n</form>\n";
    h += "<h3 class=\"incl-way\">" + escape_html(t("incl.by_entry")) + "</h3>\n";
  }
  h += "<form id=\"inclusion\" class=\"incl\" hidden" + data + ">\n<label>" + escape_html(t("incl.platform")) +
       " <select name=\"platform\">";
  for (const char* p : {"list", "instagram", "facebook", "x", "youtube", "tiktok"})
    h += std::string("<option value=\"") + p + "\">" + p + "</option>";
  h += "</select></label>\n<label>" + escape_html(t("incl.id")) + " <input name=\"id\" required autocomplete=\"off\"></label>\n";
  h += "<label>" + escape_html(t("incl.name")) + " <input name=\"name\" autocomplete=\"off\"></label>\n";
  h += "<button type=\"submit\">" + escape_html(t("incl.button")) +
       "</button>\n<p id=\"inclusion-result\" class=\"incl-result\" role=\"status\"></p>\n</form>\n";
  h += "<noscript><p>" + escape_html(t("incl.nojs")) + "</p></noscript>\n";
  return h;
}

const std::vector<const char*>& inclusion_script_strings() {
  static const std::vector<const char*> keys = {
      "incl.in",         "incl.out",           "incl.na",          "incl.bad",        "incl.error",
      "incl.handle_in",  "incl.handle_in_many", "incl.handle_more", "incl.handle_out", "incl.handle_na",
      "incl.rate_limited"};
  return keys;
}

}  // namespace tirage::server
