#include "server/mail/templates.hpp"

#include "server/mail/catalogs_embedded.hpp"
#include "server/pages/page_strings.hpp"
#include "server/pages/verify_page.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

namespace {

// HTML for a mail body: escaped, with line breaks kept.
std::string text_to_html(const std::string& s) {
  std::string out;
  for (char c : escape_html(s)) {
    if (c == '\n') out += "<br>\n";
    else out.push_back(c);
  }
  return out;
}

}  // namespace

MailContent render_mail(const std::string& name, const std::string& language,
                        const std::map<std::string, std::string>& vars) {
  const Json& c = select_catalog(embedded_mail_catalogs(), language);
  MailContent m;
  m.subject = substitute_vars(c.at(name + ".subject").get<std::string>(), vars);
  m.text = substitute_vars(c.at(name + ".body").get<std::string>(), vars);
  std::string html = text_to_html(m.text);
  if (auto it = vars.find("link"); it != vars.end()) {
    const std::string link = escape_html(it->second);
    html.replace(html.find(link), link.size(), "<a href=\"" + link + "\">" + link + "</a>");
  }
  m.html = "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\">" + html + "</body></html>";
  return m;
}

}  // namespace tirage::server
