#include "server/pages/organizer_page.hpp"

#include <cstdlib>

#include "server/pages/page_strings.hpp"
#include "server/pages/verify_page.hpp"

namespace tirage::server {

namespace {

// "2026-12" as this language names the month ("décembre 2026").
std::string month_name(const std::string& yyyy_mm, const PageStrings& t) {
  const int m = yyyy_mm.size() == 7 ? std::atoi(yyyy_mm.c_str() + 5) : 0;
  if (m < 1 || m > 12) return yyyy_mm;
  return t("org.month_format", {{"month", t.catalog()["months"][m - 1].get<std::string>()}, {"year", yyyy_mm.substr(0, 4)}});
}

std::string count_cells(const Json& c) {
  std::string h;
  for (const char* k : {"draws", "published", "waiting", "abandoned", "substitutions"})
    h += std::string("<td class=\"") + k + "\">" + std::to_string(c[k].get<std::int64_t>()) + "</td>";
  return h;
}

}  // namespace

std::string render_organizer_page(const Json& summary, const std::string& language, const std::string& public_url) {
  PageStrings t(language);
  const std::string id = summary["organizer_id"];
  const std::string title = t("org.title", {{"organizer", id}});
  std::string h;
  h += "<!doctype html>\n<html lang=\"" + escape_html(t.catalog()["lang"]) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape_html(title) + "</title>\n";
  h += "<meta property=\"og:title\" content=\"" + escape_html(title) + "\">\n";
  h += "<meta property=\"og:url\" content=\"" + escape_html(public_url + "/o/" + id) + "\">\n";
  h += "<link rel=\"stylesheet\" href=\"/assets/verify/verify-page.css\">\n</head>\n<body>\n<main>\n";
  h += "<p class=\"brand\">Tirage</p>\n<h1>" + escape_html(t("org.heading", {{"organizer", id}})) + "</h1>\n";
  h += "<p>" + escape_html(t("org.intro")) + "</p>\n";

  h += "<table class=\"months\">\n<thead><tr><th>" + escape_html(t("org.month")) + "</th>";
  for (const char* k : {"org.draws", "org.published", "org.waiting", "org.abandoned", "org.substitutions"})
    h += "<th>" + escape_html(t(k)) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  for (const auto& m : summary["months"]) {
    const std::string month = m["month"];
    h += "<tr data-month=\"" + escape_html(month) + "\"><th><time datetime=\"" + escape_html(month) + "\">" +
         escape_html(month_name(month, t)) + "</time></th>" + count_cells(m) + "</tr>\n";
  }
  h += "</tbody>\n<tfoot><tr><th>" + escape_html(t("org.totals")) + "</th>" + count_cells(summary["totals"]) +
       "</tr></tfoot>\n</table>\n";

  h += "<h2>" + escape_html(t("org.recent")) + "</h2>\n<ul class=\"related\">\n";
  for (const auto& d : summary["recent"]) {
    const std::string draw = d["draw_id"], status = d["status"];
    h += "<li class=\"related-" + escape_html(status) + "\" data-draw=\"" + escape_html(draw) + "\" data-status=\"" +
         escape_html(status) + "\"><a href=\"/v/" + escape_html(draw) + "\">" + escape_html(d["title"].get<std::string>()) +
         "</a> — " + escape_html(t("related.committed", {{"date", t.date(d["committed_at"])}})) + " — <strong class=\"outcome\">" +
         escape_html(t(("outcome." + status).c_str())) + "</strong></li>\n";
  }
  h += "</ul>\n<p><a href=\"/api/v1/organizers/" + escape_html(id) + "\">" + escape_html(t("org.json")) + "</a></p>\n";
  h += "<footer>" + escape_html(t("footer")) + "</footer>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace tirage::server
