#include "server/pages/verify_page.hpp"

#include <map>

#include "server/pages/inclusion_section.hpp"
#include "server/pages/page_strings.hpp"
#include "server/pages/related_section.hpp"
#include "shared/protocol/beacon.hpp"

namespace tirage::server {

namespace {

std::string pick_name(const Json& pick) {
  return pick["entry"]["name"].get<std::string>() + " (" + pick["entry"]["platform"].get<std::string>() + ")";
}

// A platform's brand name, the same in every language ("instagram" -> "Instagram").
std::string platform_name(const std::string& id) {
  static const std::map<std::string, std::string> names = {
      {"instagram", "Instagram"}, {"facebook", "Facebook"}, {"x", "X"}, {"youtube", "YouTube"}, {"tiktok", "TikTok"}};
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

// JSON as data inside a non-executed script element ("</" escaped so it cannot close it).
std::string json_script(const char* id, const Json& j) {
  std::string data = j.dump();
  for (std::size_t p = data.find("</"); p != std::string::npos; p = data.find("</", p + 2)) data.replace(p, 2, "<\\/");
  return std::string("<script type=\"application/json\" id=\"") + id + "\">" + data + "</script>\n";
}

}  // namespace

std::string escape_html(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string page_language(const std::string& query_lang, const std::string& accept) {
  for (const char* l : {"fr", "en", "es", "de"})
    if (query_lang == l) return l;
  // Accept-Language lists preferences in order ("fr-CH, fr;q=0.9, en;q=0.8").
  std::size_t pos = 0;
  while (pos < accept.size()) {
    auto end = accept.find(',', pos);
    std::string item = accept.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    const std::string code = item.substr(0, 2);
    for (const char* l : {"fr", "en", "es", "de"})
      if (code == l) return l;
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return "en";
}

std::string render_verify_page(const Json& view, const std::string& language,
                               const std::string& public_url, const std::vector<std::string>& drand_relays,
                               const InclusionChecks& inclusion, std::span<const DrandChain> drand_chains) {
  PageStrings t(language);
  const Json& c = t.catalog();
  const Json& st = view["commitment"]["statement"];
  const std::string id = view["draw_id"], title = st["title"], status = view["status"];
  const std::string page_title = t("page.title", {{"title", title}});
  const std::string url = public_url + "/v/" + id;

  std::string h;
  h += "<!doctype html>\n<html lang=\"" + escape_html(c["lang"]) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + escape_html(page_title) + "</title>\n";
  const std::string publish_by = view.value("publish_by", Json()).is_string() ? t.date(view["publish_by"]) : "";
  const std::string summary = t(("status." + status).c_str(), {{"draw_at", t.date(view["draw_at"])}, {"publish_by", publish_by}});
  for (const auto& [prop, value] : std::map<std::string, std::string>{{"og:title", page_title},
                                                                      {"og:description", summary},
                                                                      {"og:url", url},
                                                                      {"og:type", "website"},
                                                                      {"og:site_name", "Tirage"}})
    h += "<meta property=\"" + prop + "\" content=\"" + escape_html(value) + "\">\n";
  h += "<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"" + escape_html(page_title) +
       "\">\n<meta name=\"twitter:description\" content=\"" + escape_html(summary) + "\">\n";
  h += "<link rel=\"stylesheet\" href=\"/assets/verify/verify-page.css\">\n";
  // Start every download the checks need while the HTML parses, instead of one
  // module after the other (the page's time to "verified" is mostly this chain).
  if (status == "drawn") {
    for (const char* m : {"verify-page.js", "verifier.mjs", "drand-recheck.js", "inclusion-check.js", "error-codes.js", "tirage_verify.mjs"})
      h += std::string("<link rel=\"modulepreload\" href=\"/assets/verify/") + m + "\">\n";
    h += "<link rel=\"preload\" href=\"/assets/verify/tirage_verify.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n";
    h += "<link rel=\"preload\" href=\"/api/v1/draws/" + escape_html(id) + "/bundle\" as=\"fetch\" crossorigin>\n";
    // The keys the check trusts: this origin's own key set, not the bundle's.
    h += "<link rel=\"preload\" href=\"/.well-known/tirage-keys.json\" as=\"fetch\" crossorigin>\n";
  }
  h += "</head>\n<body>\n<main>\n";
  h += "<p class=\"brand\">Tirage</p>\n<h1>" + escape_html(title) + "</h1>\n";
  h += "<p class=\"status status-" + escape_html(status) + "\">" + escape_html(summary) + "</p>\n<dl>\n";
  // field: the name the script finds a value by, to show the verified one instead.
  auto row = [&](const std::string& label, const std::string& value, const std::string& cls = "", const std::string& field = "") {
    h += "<dt>" + escape_html(label) + "</dt><dd" + (cls.empty() ? "" : " class=\"" + cls + "\"") +
         (field.empty() ? "" : " data-field=\"" + field + "\"") + ">" + escape_html(value) + "</dd>\n";
  };
  const std::string organizer = st["organizer"];
  h += "<dt>" + escape_html(t("label.organizer")) + "</dt><dd><a href=\"/o/" + escape_html(organizer) + "\" title=\"" +
       escape_html(t("link.organizer")) + "\">" + escape_html(organizer) + "</a></dd>\n";
  row(t("label.committed_at"), t.date(st["committed_at"]));
  row(t("label.publish_by"), publish_by.empty() ? t("publish_by.none") : publish_by);
  if (!view["result"].is_null()) row(t("label.drawn_at"), t.date(view["result"]["statement"]["drawn_at"]));
  if (st.contains("sources")) {
    std::string posts;
    for (const auto& s : st["sources"])
      posts += (posts.empty() ? "" : ", ") + t("source.post", {{"platform", platform_name(s["platform"].get<std::string>())},
                                                              {"post_id", s["post_id"].get<std::string>()}});
    row(t("label.sources"), posts);
  }
  if (st.contains("giveaway_url")) {
    // The organizer's link, checked to be https:// when committed; never followed by crawlers on our behalf.
    const std::string link = st["giveaway_url"];
    h += "<dt>" + escape_html(t("label.giveaway_url")) + "</dt><dd><a href=\"" + escape_html(link) +
         "\" rel=\"nofollow noopener noreferrer ugc\">" + escape_html(link) + "</a></dd>\n";
  }
  row(t("label.participants"), std::to_string(st["participants_count"].get<std::uint64_t>()), "", "participants");
  row(t("label.root"), st["participants_root"], "hex", "root");
  const bool local = st["beacon"]["source"] == "local";
  row(t("label.beacon"), local ? t("beacon.local") : t("beacon.drand", {{"round", std::to_string(st["beacon"]["round"].get<std::uint64_t>())}}),
      local ? "weak" : "");
  h += "</dl>\n";

  if (view.contains("selected")) {
    h += "<h2>" + escape_html(t("heading.selected")) + "</h2>\n<p>" + escape_html(t("selected.note")) + "</p>\n";
    h += render_selected_positions(view["selected"], t) + "\n";
  }

  if (!view["result"].is_null()) {
    const Json& r = view["result"]["statement"];
    std::map<std::uint64_t, std::string> replaced;
    for (const auto& s : view["substitutions"]) {
      const Json& sub = s["statement"];
      const auto rank = sub["alternate_rank"].get<std::uint64_t>();
      replaced[sub["replaced_rank"].get<std::uint64_t>()] +=
          " — " + t("replaced", {{"rank", std::to_string(rank)}, {"reason", sub["reason"].get<std::string>()}}) + ": " +
          pick_name(r["alternates"][rank - 1]);
    }
    // The server's rendering, for readers without JavaScript; the script
    // replaces it with what it verified (web/verify/verify-page.js).
    h += "<section id=\"picks\">\n<h2>" + escape_html(t("heading.winners")) + "</h2>\n<ol class=\"winners\">\n";
    for (const auto& w : r["winners"])
      h += "<li>" + escape_html(pick_name(w)) + escape_html(replaced[w["rank"].get<std::uint64_t>()]) + "</li>\n";
    h += "</ol>\n";
    if (!r["alternates"].empty()) {
      h += "<h2>" + escape_html(t("heading.alternates")) + "</h2>\n<ol class=\"alternates\">\n";
      for (const auto& a : r["alternates"]) h += "<li>" + escape_html(pick_name(a)) + "</li>\n";
      h += "</ol>\n";
    }
    h += "</section>\n";
  }

  h += "<h2>" + escape_html(t("heading.checks")) + "</h2>\n";
  h += "<div id=\"checks\" data-draw=\"" + escape_html(id) + "\" data-status=\"" + escape_html(status) + "\">";
  h += "<p>" + escape_html(t("checks.nojs")) + "</p></div>\n";
  h += "<p><a href=\"/api/v1/draws/" + escape_html(id) + "/bundle\" download=\"bundle-" + escape_html(id) + ".json\">" +
       escape_html(t("link.bundle")) + "</a></p>\n";

  h += render_inclusion_section(t, id, st, inclusion);

  h += render_related_section(view, t);
  h += "<p><a href=\"/o/" + escape_html(organizer) + "\">" + escape_html(t("link.organizer")) + "</a></p>\n";
  h += "<footer>" + escape_html(t("footer")) + "</footer>\n</main>\n";
  // The strings the script needs, as data (JSON inside a non-executed script element).
  Json strings = Json::object();
  for (const char* k : {"checks.running", "checks.ok", "checks.failed", "checks.error", "checks.log_consistent",
                        "checks.log_first", "checks.log_inconsistent", "drand.online_ok", "drand.online_bad",
                        "drand.online_skipped", "drand.unknown_chain", "heading.winners", "heading.alternates",
                        "replaced", "checks.shown_verified", "checks.mismatch", "checks.unverified", "field.winners",
                        "field.alternates", "field.participants", "field.root"})
    strings[k] = c[k];
  for (const char* k : inclusion_script_strings()) strings[k] = c[k];
  for (auto it = c.begin(); it != c.end(); ++it)
    if (it.key().rfind("check.", 0) == 0) strings[it.key()] = it.value();
  h += json_script("strings", strings);
  // A drand beacon's chain as this server pins it (quicknet, built into the
  // verifier, or the --drand-chain test chain, which the page passes to it), and
  // the relays to re-check the round against.
  if (st["beacon"]["source"] == "drand")
    if (auto chain = known_drand_chain(st["beacon"]["chain_hash"].get<std::string>(), drand_chains))
      h += json_script("drand", Json{{"chain", drand_chain_info(*chain)}, {"relays", drand_relays}});
  h += "<script type=\"module\" src=\"/assets/verify/verify-page.js\"></script>\n</body>\n</html>\n";
  return h;
}

}  // namespace tirage::server
