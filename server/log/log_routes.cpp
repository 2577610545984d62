#include "server/log/log_routes.hpp"

#include <algorithm>
#include <memory>

#include "server/clock.hpp"
#include "server/http/answer_cache.hpp"
#include "server/http/api_response.hpp"
#include "server/http/query_params.hpp"

namespace tirage::server {

namespace {

Json hex_list(const std::vector<Hash>& hashes) {
  Json hex = Json::array();
  for (const auto& h : hashes) hex.push_back(to_hex(h));
  return hex;
}

}  // namespace

void register_log_routes(RouteTable& http, TransparencyLog& log) {
  http.Get("/api/v1/log/sth", [&log](const httplib::Request&, httplib::Response& res) {
    auto head = log.signed_head(now_seconds());
    if (!head) return send_error(res, head.error());
    send_json(res, 200, *head);
  });

  http.Get("/api/v1/log/proof", [&log](const httplib::Request& req, httplib::Response& res) {
    auto leaf = hash_from_hex(query_param(req, "hash"));
    if (!leaf) return send_error(res, make_error("bad_request", "query parameter \"hash\": " + leaf.error().message));
    auto size = uint_query_param(req, "size");
    if (!size) return send_error(res, size.error());
    auto index = log.index_of(*leaf);
    if (!index || *index >= *size)
      return send_error(res, make_error("not_found", "no entry with that leaf hash in the first " + std::to_string(*size) +
                                                         " entries of the log"));
    auto proof = log.inclusion_proof(*index, *size);
    if (!proof) return send_error(res, make_error("bad_request", proof.error().message));
    send_json(res, 200, Json{{"leaf_index", *index}, {"tree_size", *size}, {"audit_path", hex_list(*proof)}});
  });

  http.Get("/api/v1/log/consistency", [&log](const httplib::Request& req, httplib::Response& res) {
    auto first = uint_query_param(req, "first");
    auto second = uint_query_param(req, "second");
    if (!first) return send_error(res, first.error());
    if (!second) return send_error(res, second.error());
    auto proof = log.consistency_proof(*first, *second);
    if (!proof) return send_error(res, make_error("bad_request", proof.error().message));
    send_json(res, 200, Json{{"first", *first}, {"second", *second}, {"consistency", hex_list(*proof)}});
  });

  // Answers by range: entries never change, so a range within the log is cached (32 MiB in all).
  auto pages = std::make_shared<AnswerCache<std::string>>(32u << 20);
  http.Get("/api/v1/log/entries", [&log, pages](const httplib::Request& req, httplib::Response& res) {
    auto start = uint_query_param(req, "start");
    auto end = uint_query_param(req, "end");
    if (!start) return send_error(res, start.error());
    if (!end) return send_error(res, end.error());
    if (*end < *start) return send_error(res, make_error("bad_request", "\"end\" must not be below \"start\""));
    // At most 1000 entries per request, and none past the log's end: a range is then immutable.
    const std::uint64_t capped = std::min({*end, *start + 1000, std::max(*start, log.size())});
    const std::string key = std::to_string(*start) + "-" + std::to_string(capped);
    auto page = pages->find(key);
    if (!page) {
      auto text = log.entries_text(*start, capped);
      if (!text) return send_error(res, text.error());
      page = std::make_shared<const std::string>(std::move(*text));
      pages->put(key, page, page->size());
    }
    res.status = 200;
    res.set_content(*page, "application/json");
  });
}

}  // namespace tirage::server
