// One outgoing HTTP(S) request with a bounded answer, for the OAuth endpoints:
// the URL is split into origin and path here, the body is cut off (and the
// request failed) past max_body, and transport failures become Error values.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::server {

struct FetchRequest {
  std::string method = "GET";  // GET, POST or DELETE
  std::string url;             // absolute http:// or https:// URL, query included
  std::string body;            // sent as content_type when not empty (or when POST)
  std::string content_type = "application/x-www-form-urlencoded";
  std::map<std::string, std::string> headers;
  int timeout_ms = 10000;
  std::size_t max_body = 64 * 1024;
};

struct FetchReply {
  int status = 0;
  std::string body;
};

// Performs the request; an error only when no HTTP answer came back (or it was too large).
Result<FetchReply> fetch(const FetchRequest& request);


}  // namespace tirage::server
