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

// Makes the first occurrence of url in html a link to it.
void link_up(std::string& html, const std::string& url) {
  const std::string escaped = escape_html(url);
  if (auto at = html.find(escaped); at != std::string::npos)
    html.replace(at, escaped.size(), "<a href=\"" + escaped + "\">" + escaped + "</a>");
}

}  // namespace

MailContent render_mail(const std::string& name, const std::string& language,
                        const std::map<std::string, std::string>& vars, const std::string& public_url) {
  const Json& c = select_catalog(embedded_mail_catalogs(), language);
  const std::string privacy_url = public_url + "/privacy?lang=" + c.value("lang", std::string("en"));
  MailContent m;
  m.subject = substitute_vars(c.at(name + ".subject").get<std::string>(), vars);
  m.text = substitute_vars(c.at(name + ".body").get<std::string>(), vars) + "\n\n-- \n" +
           substitute_vars(c.at("footer").get<std::string>(), {{"privacy_url", privacy_url}});
  std::string html = text_to_html(m.text);
  if (auto it = vars.find("link"); it != vars.end()) link_up(html, it->second);
  link_up(html, privacy_url);
  m.html = "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\">" + html + "</body></html>";
  return m;
}

}  // namespace tirage::server
