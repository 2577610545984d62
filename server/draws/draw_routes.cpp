#include "server/draws/draw_routes.hpp"

#include "server/clock.hpp"
#include "server/draws/organizer_summary.hpp"
#include "server/http/api_response.hpp"
#include "server/http/query_params.hpp"
#include "server/billing/billing_routes.hpp"
#include "server/pages/verify_page.hpp"
#include "shared/protocol/envelope.hpp"

namespace tirage::server {

namespace {

const std::string kId = "([A-Za-z0-9_-]{1,100})";
const std::string kDraw = "/api/v1/draws/" + kId;

// The offset query parameter of a chunked upload: 0 when absent.
Result<std::uint64_t> offset_of(const httplib::Request& req) {
  return req.has_param("offset") ? uint_query_param(req, "offset") : Result<std::uint64_t>(std::uint64_t{0});
}

// Before the beacon is out, the answer says when to ask again.
void set_retry_after(httplib::Response& res, DrawService& draws, const std::string& draw_id, UnixSeconds now) {
  if (auto d = draws.find(draw_id)) res.set_header("Retry-After", std::to_string(DrawService::retry_after(*d, now)));
}

}  // namespace

void register_draw_routes(RouteTable& http, const DrawArea& area, RequestAuth& auth) {
  http.Post("/api/v1/draws", [area, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto outcome = area.actions.commit(*org, *body, now_seconds());
    if (!outcome) return send_error(res, outcome.error());
    if (!outcome->plan_refusal.is_null()) return send_plan_limit(res, outcome->plan_refusal);
    const CreatedDraw& created = outcome->draw;
    send_json(res, 201,
              Json{{"draw_id", created.draw_id}, {"commitment", created.commitment}, {"draw_at", format_rfc3339(created.draw_at)}});
  });

  http.Get("/api/v1/draws", [area, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    auto list = area.draws.organizer_draws(*org, now_seconds());
    if (!list) return send_error(res, list.error());
    send_json(res, 200, *list);
  });

  http.Get(kDraw, [area](const httplib::Request& req, httplib::Response& res) {
    auto view = area.draws.public_view_text(req.matches[1], now_seconds());
    if (!view) return send_error(res, view.error());
    res.status = 200;
    res.set_content(**view, "application/json");
  });

  http.Get(kDraw + "/selection", [area](const httplib::Request& req, httplib::Response& res) {
    const auto now = now_seconds();
    auto sel = area.draws.selection(req.matches[1], now);
    if (!sel) {
      if (sel.error().code == "not_yet" || sel.error().code == "beacon_unavailable")
        set_retry_after(res, area.draws, req.matches[1], now);
      return send_error(res, sel.error());
    }
    send_json(res, 200, *sel);
  });

  http.Post(kDraw + "/result", [area, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    const auto now = now_seconds();
    auto published = area.actions.publish(*org, req.matches[1], *body, now);
    if (!published) {
      if (published.error().code == "not_yet") set_retry_after(res, area.draws, req.matches[1], now);
      return send_error(res, published.error());
    }
    send_json(res, published->first ? 201 : 200, published->result);
  });

  http.Post(kDraw + "/substitutions", [area, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto sub = area.draws.substitute(*org, req.matches[1], *body, now_seconds());
    if (!sub) return send_error(res, sub.error());
    send_json(res, 201, *sub);
  });

  http.Get(kDraw + "/bundle", [area](const httplib::Request& req, httplib::Response& res) {
    auto bundle = area.draws.bundle(req.matches[1], now_seconds());
    if (!bundle) return send_error(res, bundle.error());
    send_json(res, 200, *bundle);
  });

  // Leaf hashes arrive as raw bytes (32 per participant), in chunks of at most 1 MiB.
  http.Post(kDraw + "/leaves", [area, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    if (req.get_header_value("Content-Type") != "application/octet-stream")
      return send_error(res, make_error("unsupported_media_type", "send the leaf hashes as application/octet-stream"));
    auto offset = offset_of(req);
    if (!offset) return send_error(res, offset.error());
    auto answer = area.inclusion.receive(*org, req.matches[1], *offset, req.body, now_seconds());
    if (!answer) return send_error(res, answer.error());
    send_json(res, 200, *answer);
  });

  // The handle index of a draw's platform entries (server/draws/handle_index.hpp), in chunks of JSON.
  http.Post(kDraw + "/handles", [area, &auth](const httplib::Request& req, httplib::Response& res) {
    auto org = auth.authenticate(req, res);
    if (!org) return;
    auto offset = offset_of(req);
    if (!offset) return send_error(res, offset.error());
    auto body = read_json_body(req);
    if (!body) return send_error(res, body.error());
    auto answer = area.handles.receive(*org, req.matches[1], *offset, *body, now_seconds());
    if (!answer) return send_error(res, answer.error());
    send_json(res, 200, *answer);
  });

  http.Get(kDraw + "/inclusion", [area, &auth](const httplib::Request& req, httplib::Response& res) {
    if (auto ok = area.inclusion.admit_lookup(auth.client_of(req).address, now_seconds()); !ok) {
      res.set_header("Retry-After", "60");
      return send_error(res, ok.error());
    }
    if (req.has_param("handle") || req.has_param("platform")) {
      if (req.has_param("leaf"))
        return send_error(res, make_error("bad_request", "ask either by \"leaf\" or by \"platform\" and \"handle\", not both"));
      auto found = area.handles.lookup(req.matches[1], query_param(req, "platform"), query_param(req, "handle"));
      if (!found) return send_error(res, found.error());
      return send_json(res, 200, *found);
    }
    auto leaf = hash_from_hex(query_param(req, "leaf"));
    if (!leaf) return send_error(res, make_error("bad_request", "query parameter \"leaf\": " + leaf.error().message));
    auto proof = area.inclusion.prove(req.matches[1], *leaf);
    if (!proof) return send_error(res, proof.error());
    send_json(res, 200, *proof);
  });

  http.Get(kDraw + "/certificate.pdf", [area](const httplib::Request& req, httplib::Response& res) {
    const std::string lang = page_language(query_param(req, "lang"), req.get_header_value("Accept-Language"));
    const std::string id = req.matches[1];
    auto pdf = area.certificates.pdf(id, lang, now_seconds());
    if (!pdf) return send_error(res, pdf.error());
    res.set_header("Content-Disposition", "inline; filename=\"tirage-" + id + ".pdf\"");
    res.set_content(**pdf, "application/pdf");
  });

  http.Get(kDraw + "/related", [area](const httplib::Request& req, httplib::Response& res) {
    auto related = area.draws.related(req.matches[1], now_seconds());
    if (!related) return send_error(res, related.error());
    send_json(res, 200, *related);
  });

  http.Get("/api/v1/organizers/" + kId, [area](const httplib::Request& req, httplib::Response& res) {
    auto summary = organizer_summary(area.db, req.matches[1], now_seconds());
    if (!summary) return send_error(res, summary.error());
    send_json(res, 200, *summary);
  });

  http.Get("/api/v1/giveaways/" + kId + "/draws", [area](const httplib::Request& req, httplib::Response& res) {
    auto list = area.draws.giveaway_commitments(req.matches[1]);
    if (!list) return send_error(res, list.error());
    send_json(res, 200, *list);
  });

  http.Get("/.well-known/tirage-keys.json", [area](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, keyset_to_json(area.keys.published()));
  });
}

}  // namespace tirage::server
