#include "server/oauth/http_fetch.hpp"

#include <httplib.h>

#include <cctype>
#include <vector>

#include "server/http/worker_pool.hpp"

namespace tirage::server {

Result<FetchReply> fetch(const FetchRequest& request) {
  OutsideCall waiting;  // on a request thread, another takes its place meanwhile
  const auto scheme_end = request.url.find("://");
  if (scheme_end == std::string::npos) return make_error("bad_url", "not an absolute URL: " + request.url.substr(0, 200));
  const auto path_start = request.url.find('/', scheme_end + 3);
  const std::string origin = request.url.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : request.url.substr(path_start);
  const std::string host = origin.substr(scheme_end + 3);
  httplib::Client client(origin);
  if (!client.is_valid()) return make_error("bad_url", "cannot reach " + origin + " (unsupported scheme?)");
  const time_t sec = request.timeout_ms / 1000, usec = (request.timeout_ms % 1000) * 1000;
  client.set_connection_timeout(sec, usec);
  client.set_read_timeout(sec, usec);
  client.set_write_timeout(sec, usec);
  httplib::Headers headers(request.headers.begin(), request.headers.end());
  FetchReply reply;
  bool too_big = false;
  auto receive = [&](const char* data, size_t len) {
    if (reply.body.size() + len > request.max_body) {
      too_big = true;
      return false;
    }
    reply.body.append(data, len);
    return true;
  };
  // POST and DELETE answers are small token JSONs; they go through the same bound.
  httplib::Request req;
  req.method = request.method;
  req.path = path;
  req.headers = headers;
  req.body = request.body;
  if (!request.body.empty() || request.method == "POST") req.set_header("Content-Type", request.content_type);
  req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) { return receive(data, len); };
  auto res = request.method == "GET" ? client.Get(path, headers, receive) : client.send(req);
  if (too_big) return make_error("provider_unavailable", host + " answered with more than " + std::to_string(request.max_body) + " bytes");
  if (!res) return make_error("provider_unavailable", host + " did not answer: " + httplib::to_string(res.error()));
  reply.status = res->status;
  if (reply.body.empty() && !res->body.empty()) reply.body = res->body;
  return reply;
}

}  // namespace tirage::server
