#include "server/imports/import_routes.hpp"

#include "server/clock.hpp"
#include "server/billing/billing_routes.hpp"
#include "server/http/api_response.hpp"
#include "server/imports/engagement.hpp"
#include "shared/protocol/json_reader.hpp"

namespace tirage::server {

namespace {

constexpr const char* kImportId = "/api/v1/imports/(imp_[0-9a-f]{1,64})";

// A non-negative integer query parameter, or fallback when absent.
Result<std::int64_t> int_param(const httplib::Request& req, const char* name, std::int64_t fallback, std::int64_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos || std::stoll(v) > max)
    return make_error("bad_request", std::string("query parameter \"") + name + "\" must be an integer from 0 to " +
                                         std::to_string(max));
  return std::stoll(v);
}

// Errors of the import path that the shared status table does not know.
void send_import_error(httplib::Response& res, const Error& e) {
  int status = 0;
  if (e.code == "not_connected" || e.code == "choose_page") status = 409;
  else if (e.code == "platform_unavailable" || e.code == "bad_platform_response") status = 502;
  else if (e.code == "not_available") status = 422;
  if (status == 0) return send_error(res, e);
  Json body = {{"error", {{"code", e.code}, {"message", e.message}}}};
  if (e.code == "not_available") body["alternative"] = "csv_import";  // TikTok: the app shows the CSV/XLSX route
  send_json(res, status, body);
}

}  // namespace

void register_import_routes(RouteTable& http, ImportService& imports, BillingService& billing, Authenticate authenticate) {
  http.Post("/api/v1/imports", [&imports, &billing, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    // Null reads as absent, as clients write it for "not given"; other members are ignored.
    StrictJsonReader in("bad_request");
    in.null_is_absent();
    JsonFields b = in.object(*body, "body");
    const std::string platform_name = b.optional_string("platform").value_or("");
    const std::string url = b.optional_string("post_url").value_or("");
    const std::string id = b.optional_string("post_id").value_or("");
    const bool include_replies = b.optional_boolean("include_replies").value_or(false);
    std::optional<std::int64_t> collect_until;
    if (const Json* until = b.optional_value("collect_until")) {
      if (until->is_number_integer()) collect_until = b.optional_integer("collect_until");
      else b.fail("collect_until", "got " + describe_json(*until) + ", wanted a Unix time in seconds (an integer)");
    }
    if (in.failed()) return send_error(res, in.error());
    auto platform = platform_from_name(platform_name);
    if (!platform) return send_error(res, platform.error());
    if (Json refused = billing.import_refusal(*org, platform_name, now_seconds()); !refused.is_null())
      return send_plan_limit(res, refused);
    if (url.empty() == id.empty())
      return send_error(res, make_error("bad_request", "give exactly one of \"post_url\" and \"post_id\""));
    auto created = imports.create(org->id, *platform, url.empty() ? id : url, include_replies, collect_until);
    if (!created) return send_import_error(res, created.error());
    res.set_header("Location", "/api/v1/imports/" + created->first.id);
    send_json(res, created->second ? 201 : 200, imports.to_json(created->first));
  });

  http.Get(kImportId, [&imports, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto job = imports.find(req.matches[1], org->id);
    if (!job) return send_error(res, make_error("not_found", "no import " + std::string(req.matches[1])));
    res.set_header("Cache-Control", "no-store");
    send_json(res, 200, imports.to_json(*job));
  });

  http.Get(std::string(kImportId) + "/comments", [&imports, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto offset = int_param(req, "offset", 0, 100000000);
    if (!offset) return send_error(res, offset.error());
    auto limit = int_param(req, "limit", 100, 1000);
    if (!limit) return send_error(res, limit.error());
    auto job = imports.find(req.matches[1], org->id);
    if (!job) return send_error(res, make_error("not_found", "no import " + std::string(req.matches[1])));
    auto rows = imports.comments(job->id, org->id, *offset, *limit);
    if (!rows) return send_error(res, rows.error());
    // Rows are stored as JSON already: splice them rather than parse and re-serialize 1000 objects.
    std::string out = R"({"import_id":")" + job->id + R"(","state":")" + job->state +
                      R"(","offset":)" + std::to_string(*offset) + R"(,"total":)" + std::to_string(job->comments) +
                      R"(,"comments":[)";
    for (std::size_t i = 0; i < rows->size(); ++i) out += (i ? "," : "") + (*rows)[i];
    out += "]}";
    res.set_header("Cache-Control", "no-store");
    res.status = 200;
    res.set_content(out, "application/json");
  });

  http.Delete(kImportId, [&imports, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    if (auto ok = imports.cancel(req.matches[1], org->id); !ok) return send_error(res, ok.error());
    send_json(res, 200, imports.to_json(*imports.find(req.matches[1], org->id)));
  });

  http.Post(std::string(kImportId) + "/resume", [&imports, &billing, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    // A plan that lost the platform (a downgrade) resumes nothing from it.
    if (auto job = imports.find(req.matches[1], org->id))
      if (Json refused = billing.import_refusal(*org, platform_name(job->platform), now_seconds()); !refused.is_null())
        return send_plan_limit(res, refused);
    if (auto ok = imports.resume(req.matches[1], org->id); !ok) return send_error(res, ok.error());
    send_json(res, 200, imports.to_json(*imports.find(req.matches[1], org->id)));
  });

  http.Get("/api/v1/platforms/([a-z]{1,20})/posts", [&imports, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto platform = platform_from_name(std::string(req.matches[1]));
    if (!platform) return send_error(res, platform.error());
    auto page = imports.recent_posts(org->id, *platform, req.has_param("cursor") ? req.get_param_value("cursor") : "",
                                     req.has_param("page_id") ? req.get_param_value("page_id") : "");
    if (!page) return send_import_error(res, page.error());
    Json posts = Json::array();
    for (const auto& p : page->posts) posts.push_back(post_to_json(p));
    Json out = {{"platform", platform_name(*platform)}, {"posts", posts}};
    if (req.has_param("page_id")) out["page_id"] = req.get_param_value("page_id");
    if (page->next_cursor) out["next_cursor"] = *page->next_cursor;
    if (*platform == Platform::tiktok)
      out["import"] = "TikTok lets apps list your videos and their comment counts, not the comments: import them from a "
                      "CSV or XLSX export, then compare with comment_count here";
    send_json(res, 200, out);
  });

  // Who reposted, liked or reacted: the data of the "must also have engaged" filter.
  http.Get("/api/v1/engagement", [&imports, authenticate](const httplib::Request& req, httplib::Response& res) {
    auto org = authenticate(req, res);
    if (!org) return;
    auto out = engaged_accounts(imports, org->id, req.get_param_value("kind"), req.get_param_value("post_id"));
    if (!out) return send_import_error(res, out.error());
    send_json(res, 200, *out);
  });
}

}  // namespace tirage::server
