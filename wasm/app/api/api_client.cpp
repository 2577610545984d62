#include "wasm/app/api/api_client.hpp"

#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

std::string text_field(const Json& j, std::string_view key, std::string fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(std::string(key));
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

void ApiClient::send(std::string_view method, std::string_view path, std::string_view type, std::string_view body,
                     std::function<void(ApiReply)> done) {
  auto answer = [done = std::move(done)](HttpResponse r) {
    ApiReply reply;
    reply.status = r.status;
    reply.retry_after = r.retry_after;
    auto json = parse_json(r.body);
    if (json) reply.body = std::move(*json);
    if (r.status == 0) {
      reply.code = "offline";
      reply.message = T("error.offline");
    } else if (!reply.ok()) {
      const Json& e = reply.body.is_object() && reply.body.contains("error") ? reply.body["error"] : Json();
      reply.code = e.is_object() && e.contains("code") && e["code"].is_string() ? e["code"].get<std::string>() : "http_" + std::to_string(r.status);
      reply.message = e.is_object() && e.contains("message") && e["message"].is_string()
                          ? e["message"].get<std::string>()
                          : T("error.http", {{"status", std::to_string(r.status)}});
    }
    done(std::move(reply));
  };
  if (!transport_) return answer(HttpResponse{});
  transport_->send(HttpRequest{std::string(method), std::string(path), std::string(type), std::string(body), csrf_},
                   std::move(answer));
}

void ApiClient::get(std::string_view path, std::function<void(ApiReply)> done) { send("GET", path, "", "", std::move(done)); }

void ApiClient::post(std::string_view path, const Json& body, std::function<void(ApiReply)> done) {
  send("POST", path, "application/json", body.dump(), std::move(done));
}

void ApiClient::del(std::string_view path, std::function<void(ApiReply)> done) { send("DELETE", path, "", "", std::move(done)); }

void ApiClient::post_bytes(std::string_view path, std::string_view bytes, std::function<void(ApiReply)> done) {
  send("POST", path, "application/octet-stream", bytes, std::move(done));
}

}  // namespace tirage::app
