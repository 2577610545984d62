#include "server/pages/page_routes.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <span>

#include "server/clock.hpp"
#include "server/draws/inclusion_service.hpp"
#include "server/draws/organizer_summary.hpp"
#include "server/http/api_response.hpp"
#include "server/http/page_shell.hpp"
#include "server/http/query_params.hpp"
#include "server/log/event_log.hpp"
#include "server/pages/organizer_page.hpp"
#include "server/pages/verify_page.hpp"

namespace tirage::server {

namespace {

const std::string kId = "([A-Za-z0-9_-]{1,100})";

// A public page that failed: the message in a minimal page, with its status.
void send_page_error(httplib::Response& res, const Error& error) {
  res.status = status_for(error.code);
  res.set_content("<!doctype html><meta charset=utf-8><title>Tirage</title><p>" + escape_html(error.message) + "</p>",
                  "text/html; charset=utf-8");
}

// A public page in lang (chosen from ?lang= or Accept-Language).
void send_page(httplib::Response& res, const std::string& lang, const std::string& html) {
  res.set_header("Content-Language", lang);
  res.set_header("Vary", "Accept-Language");
  res.set_content(html, "text/html; charset=utf-8");
}

std::string language_of(const httplib::Request& req) {
  return page_language(query_param(req, "lang"), req.get_header_value("Accept-Language"));
}

}  // namespace

void register_page_routes(RouteTable& http, const PageSources& sources, const Config& config,
                          const std::string& static_root) {
  http.Get("/healthz", [sources](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, Json{{"status", "ok"}, {"log_size", sources.log.size()}, {"drand", sources.drand != nullptr}});
  });

  http.Get("/v/" + kId, [sources, public_url = config.public_url, relays = config.drand_urls](const httplib::Request& req,
                                                                                              httplib::Response& res) {
    const std::string lang = language_of(req);
    auto view = sources.draws.public_view(req.matches[1], now_seconds());
    if (!view) return send_page_error(res, view.error());
    const InclusionChecks inclusion{sources.handles.platforms(req.matches[1]), InclusionService::kLookupsPerMinute};
    const auto pinned = sources.drand ? std::span<const DrandChain>(&sources.drand->chain(), 1) : std::span<const DrandChain>();
    send_page(res, lang, render_verify_page(*view, lang, public_url, relays, inclusion, pinned));
  });

  http.Get("/o/" + kId, [sources, public_url = config.public_url](const httplib::Request& req, httplib::Response& res) {
    const std::string lang = language_of(req);
    auto summary = organizer_summary(sources.db, req.matches[1], now_seconds());
    if (!summary) return send_page_error(res, summary.error());
    send_page(res, lang, render_organizer_page(*summary, lang, public_url));
  });

  const std::string& root = static_root;
  http.server().set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  http.server().set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  if (std::filesystem::exists(root + "/public")) http.server().set_mount_point("/", root + "/public");
  // The organizer app: its page shell, then its Wasm build (the production
  // build, or the automation build the browser tests point --app-dir at).
  http.Get("/app", [root](const httplib::Request&, httplib::Response& res) {
    send_page_shell(res, root + "/web/app/index.html", make_error("not_found", "the organizer app's page is missing from web/app"));
  });
  const std::string app_dir = config.app_dir.empty() ? root + "/build/wasm/app" : config.app_dir;
  if (!std::filesystem::exists(app_dir + "/tirage_app.wasm"))
    log_event("warn", "app_missing", {{"path", app_dir}, {"effect", "the organizer app at /app cannot start"}});
  http.server().set_mount_point("/assets/app/bin", app_dir);
  if (std::filesystem::exists(root + "/web")) http.server().set_mount_point("/assets", root + "/web");
  for (const auto& [name, type] : {std::pair{"tirage_verify.mjs", "text/javascript"}, {"tirage_verify.wasm", "application/wasm"}}) {
    const std::string path = root + "/build/wasm/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      log_event("warn", "verifier_missing", {{"path", path}, {"effect", "verify pages cannot run their checks"}});
      continue;
    }
    auto data = std::make_shared<std::string>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    http.Get(std::string("/assets/verify/") + name, [data, type = std::string(type)](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "public, max-age=300");
      res.set_content(*data, type.c_str());
    });
  }
}

}  // namespace tirage::server
