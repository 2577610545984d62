#include "server/imports/platform_http.hpp"

#include "server/http/worker_pool.hpp"
#include "shared/platforms/platform_json.hpp"

namespace tirage::server {

httplib::Client& PlatformHttp::client(const std::string& base_url) {
  auto& slot = clients_[base_url];
  if (!slot) {
    slot = std::make_unique<httplib::Client>(base_url);
    const time_t sec = timeout_ms_ / 1000, usec = (timeout_ms_ % 1000) * 1000;
    slot->set_connection_timeout(sec, usec);
    slot->set_read_timeout(sec, usec);
    slot->set_write_timeout(sec, usec);
    slot->set_keep_alive(true);
    slot->set_follow_location(false);  // a redirect would carry the token elsewhere
  }
  return *slot;
}

Result<HttpReply> PlatformHttp::send(const std::string& base_url, const ApiRequest& request, const std::string& token) {
  OutsideCall waiting;  // on a request thread, another takes its place meanwhile (the lock wait included)
  std::lock_guard lock(mutex_);
  httplib::Client* c = nullptr;
  try {
    c = &client(base_url);
  } catch (const std::exception& e) {  // httplib throws on a URL scheme it cannot speak
    clients_.erase(base_url);
    return make_error("platform_unreachable", "cannot use " + base_url + ": " + e.what());
  }
  httplib::Headers headers = {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
  std::string body;
  bool too_big = false;
  auto receive = [&](const char* data, size_t len) {
    if (body.size() + len > kMaxPlatformBody) {
      too_big = true;
      return false;
    }
    body.append(data, len);
    return true;
  };
  httplib::Result res{nullptr, httplib::Error::Unknown};
  if (request.method == "POST") {
    httplib::Request req;
    req.method = "POST";
    req.path = request.target;
    req.headers = headers;
    req.headers.emplace("Content-Type", "application/json");
    req.body = request.body;
    req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) { return receive(data, len); };
    res = c->send(req);
  } else {
    res = c->Get(request.target, headers, receive);
  }
  if (too_big) {
    clients_.erase(base_url);
    return make_error("platform_unreachable", "the answer from " + base_url + " was larger than 8 MiB");
  }
  if (!res) {
    clients_.erase(base_url);  // a broken connection is not reused
    return make_error("platform_unreachable", base_url + ": " + httplib::to_string(res.error()));
  }
  HttpReply reply;
  reply.status = res->status;
  reply.body = std::move(body);
  for (const auto& [name, value] : res->headers) {
    std::string lower = name;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    reply.headers[lower] = value;
  }
  return reply;
}

}  // namespace tirage::server
