#include "server/legal/legal_pages.hpp"

#include "server/legal/catalogs_embedded.hpp"
#include "server/pages/page_strings.hpp"
#include "server/pages/verify_page.hpp"

namespace tirage::server {

namespace {

constexpr const char* kUpdated = "2026-11-25";

const Json& catalog(const std::string& language) { return select_catalog(embedded_legal_catalogs(), language); }

std::string text(const Json& c, const char* key, const std::map<std::string, std::string>& vars = {}) {
  return escape_html(substitute_vars(c.at(key).get<std::string>(), vars));
}

// Who runs the service and how to reach them, as the configuration says (or that it does not say).
std::string operator_identity(const Json& c, const LegalSite& site) {
  if (site.operator_name.empty() || site.operator_address.empty())
    return substitute_vars(c.at("operator.unnamed").get<std::string>(), {{"contact", site.contact}});
  return substitute_vars(c.at("operator.identity").get<std::string>(),
                         {{"name", site.operator_name}, {"address", site.operator_address}, {"contact", site.contact}});
}

// "7 days", "36 hours", "90 seconds": a retention as the page's language says it (the largest whole unit).
std::string duration(const Json& c, long long s) {
  auto say = [&](const char* one, const char* many, long long n) {
    return substitute_vars(c.at(n == 1 ? one : many).get<std::string>(), {{"n", std::to_string(n)}});
  };
  if (s > 0 && s % 86400 == 0) return say("duration.day", "duration.days", s / 86400);
  if (s > 0 && s % 3600 == 0) return say("duration.hour", "duration.hours", s / 3600);
  return say("duration.second", "duration.seconds", s);
}

// language_links: only on pages whose URL can be reloaded with ?lang= (not a callback's answer).
// site: for the legal pages, whose footer names the operator.
std::string page(const Json& c, const std::string& title, const std::string& body, bool language_links = true,
                 const LegalSite* site = nullptr) {
  const std::string lang = c.at("lang").get<std::string>();
  std::string html = "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title +
                     " — Tirage</title><link rel=\"stylesheet\" href=\"/assets/pages/legal.css\"></head><body>";
  html += "<nav><a href=\"/\">Tirage</a><a href=\"/privacy?lang=" + lang + "\">" + text(c, "nav.privacy") + "</a><a href=\"/terms?lang=" +
          lang + "\">" + text(c, "nav.terms") + "</a><a href=\"/data-deletion?lang=" + lang + "\">" + text(c, "nav.deletion") + "</a></nav>";
  html += "<main>" + body + "</main>";
  if (language_links || site) {
    html += "<footer>";
    if (site) html += "<p id=\"operator\">" + escape_html(operator_identity(c, *site)) + "</p>";
    if (language_links) {
      html += "<p>";
      for (const char* l : {"fr", "en", "es", "de"}) html += std::string("<a href=\"?lang=") + l + "\" hreflang=\"" + l + "\">" + l + "</a> ";
      html += "</p>";
    }
    html += "</footer>";
  }
  html += "</body></html>";
  return html;
}

}  // namespace

std::string render_legal_page(const std::string& kind, const std::string& language, const LegalSite& site) {
  const Json& c = catalog(language);
  const Json& doc = c.at(kind);
  const std::map<std::string, std::string> vars = {{"site", site.public_url},
                                                    {"contact", site.contact},
                                                    {"operator", operator_identity(c, site)},
                                                    {"after_draw", duration(c, site.comments_after_draw_s)},
                                                    {"unused", duration(c, site.comments_unused_s)},
                                                    {"status_url", site.public_url + "/data-deletion/status"},
                                                    {"date", kUpdated}};
  const std::string title = escape_html(doc.at("title").get<std::string>());
  std::string body = "<h1>" + title + "</h1><p><small>" + text(c, "updated", vars) + "</small></p>";
  for (const auto& section : doc.at("sections")) {
    body += "<h2>" + escape_html(section[0].get<std::string>()) + "</h2>";
    for (std::size_t i = 1; i < section.size(); ++i)
      body += "<p>" + escape_html(substitute_vars(section[i].get<std::string>(), vars)) + "</p>";
  }
  return page(c, title, body, true, &site);
}

std::string render_deletion_status(const std::optional<Json>& status, const std::string& code, const std::string& language,
                                   const LegalSite& site) {
  const Json& c = catalog(language);
  const std::string title = text(c, "status.title");
  std::string body = "<h1>" + title + "</h1>";
  if (status) {
    body += "<p id=\"status\" data-status=\"" + escape_html((*status)["status"].get<std::string>()) + "\">" +
            text(c, "status.found", {{"code", code},
                                     {"date", (*status)["received_at"].get<std::string>().substr(0, 10)},
                                     {"connections", std::to_string((*status)["connections_deleted"].get<std::int64_t>())},
                                     {"identities", std::to_string((*status)["identities_deleted"].get<std::int64_t>())},
                                     {"imports", std::to_string((*status)["imports_with_comments_deleted"].get<std::int64_t>())}}) +
            "</p>";
  } else {
    body += "<p id=\"status\" data-status=\"unknown\">" + text(c, "status.unknown", {{"code", code.substr(0, 64)}}) + "</p>";
  }
  return page(c, title, body, false, &site);
}

std::string render_link_offer(const std::string& provider_name, const std::string& email, const std::string& link_token,
                              const std::string& language, LinkOfferKind kind) {
  const Json& c = catalog(language);
  const std::map<std::string, std::string> vars = {{"provider", provider_name}, {"email", email}};
  const bool create = kind == LinkOfferKind::create_mailed;
  const std::string title = text(c, create ? "create.title" : "link.title", vars);
  const char* explain = create ? "create.body" : kind == LinkOfferKind::link_mailed ? "link.body_mailed" : "link.body";
  const std::string body = "<h1>" + title + "</h1><p>" + text(c, explain, vars) +
                           "</p><form method=\"post\" action=\"/api/v1/oauth/link/confirm\">"
                           "<input type=\"hidden\" name=\"token\" value=\"" + escape_html(link_token) + "\">"
                           "<button id=\"link-yes\" type=\"submit\">" + text(c, create ? "create.yes" : "link.yes") +
                           "</button><a id=\"link-no\" href=\"/\">" + text(c, "link.no") + "</a></form>";
  return page(c, title, body, false);
}

std::string render_offer_mailed(const std::string& provider_name, const std::string& email, const std::string& language) {
  const Json& c = catalog(language);
  const std::map<std::string, std::string> vars = {{"provider", provider_name}, {"email", email}};
  const std::string title = text(c, "mail_sent.title", vars);
  return page(c, title, "<h1>" + title + "</h1><p id=\"mail-sent\">" + text(c, "mail_sent.body", vars) + "</p>", false);
}

std::string render_sign_in_error(const std::string& message, const std::string& language) {
  const Json& c = catalog(language);
  const std::string title = text(c, "error.title");
  return page(c, title, "<h1>" + title + "</h1><p id=\"error\">" + escape_html(message) + "</p><p><a href=\"/\">" +
                            text(c, "error.back") + "</a></p>",
              false);
}

}  // namespace tirage::server
