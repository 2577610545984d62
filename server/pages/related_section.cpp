#include "server/pages/related_section.hpp"

#include "server/pages/verify_page.hpp"

namespace tirage::server {

namespace {

std::string positions(const Json& indices) {
  std::string out;
  for (const auto& i : indices) out += (out.empty() ? "" : ", ") + std::to_string(i.get<std::uint64_t>() + 1);
  return out;
}

std::string related_status(const Json& r, const PageStrings& t) {
  const std::string status = r["status"];
  if (status == "published") return t("related.published");
  if (status == "abandoned") return t("related.abandoned", {{"publish_by", t.date(r["publish_by"])}});
  return r["publish_by"].is_null() ? t("related.waiting_no_deadline")
                                   : t("related.waiting", {{"publish_by", t.date(r["publish_by"])}});
}

}  // namespace

std::string render_selected_positions(const Json& selected, const PageStrings& t) {
  std::string h = "<ul class=\"selected\">";
  h += "<li>" + escape_html(t("selected.winners", {{"positions", positions(selected["winners"])}})) + "</li>";
  if (!selected["alternates"].empty())
    h += "<li>" + escape_html(t("selected.alternates", {{"positions", positions(selected["alternates"])}})) + "</li>";
  return h + "</ul>";
}

std::string render_related_section(const Json& view, const PageStrings& t) {
  const Json& related = view["related"];
  std::string h = "<section id=\"related\">\n<h2>" + escape_html(t("heading.related")) + "</h2>\n";
  if (related.empty()) return h + "<p>" + escape_html(t("related.none")) + "</p>\n</section>\n";
  h += "<p>" + escape_html(t("related.intro")) + "</p>\n<ul class=\"related\">\n";
  for (const auto& r : related) {
    const std::string id = r["draw_id"], status = r["status"];
    std::string reasons;
    for (const auto& reason : r["reasons"])
      reasons += (reasons.empty() ? "" : ", ") + t(("reason." + reason.get<std::string>()).c_str());
    h += "<li class=\"related-" + escape_html(status) + "\" data-draw=\"" + escape_html(id) + "\" data-status=\"" +
         escape_html(status) + "\"><a href=\"/v/" + escape_html(id) + "\">" + escape_html(r["title"].get<std::string>()) +
         "</a> <small>" + escape_html(id) + "</small> — " + escape_html(t("related.committed", {{"date", t.date(r["committed_at"])}})) +
         " — <strong class=\"outcome\">" + escape_html(related_status(r, t)) + "</strong> <small>(" + escape_html(reasons) +
         ")</small>";
    if (r.contains("selected")) h += render_selected_positions(r["selected"], t);
    if (r.contains("selected_error"))
      h += "<p class=\"weak\">" + escape_html(t("related.selected_error", {{"message", r["selected_error"].get<std::string>()}})) + "</p>";
    h += "</li>\n";
  }
  h += "</ul>\n";
  if (view.value("related_truncated", false))
    h += "<p>" + escape_html(t("related.truncated", {{"n", std::to_string(related.size())}})) + "</p>\n";
  return h + "</section>\n";
}

}  // namespace tirage::server
