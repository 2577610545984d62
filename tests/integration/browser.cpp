#include "tests/integration/browser.hpp"

#include <httplib.h>

#include "tests/integration/api_record.hpp"

namespace tirage::testing {

Browser::Hop Browser::request(const std::string& method, const std::string& url, const std::string& body, const std::string& type) {
  const auto scheme = url.find("://");
  const auto path_at = url.find('/', scheme + 3);
  const std::string origin = url.substr(0, path_at), path = path_at == std::string::npos ? "/" : url.substr(path_at);
  httplib::Client c(origin);
  c.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (origin == server) {
    if (!cookies.empty()) {
      std::string jar;
      for (const auto& [k, v] : cookies) jar += (jar.empty() ? "" : "; ") + k + "=" + v;
      headers.emplace("Cookie", jar);
    }
    for (const auto& [k, v] : extra_headers) headers.emplace(k, v);
  }
  auto r = method == "GET"      ? c.Get(path.c_str(), headers)
           : method == "DELETE" ? c.Delete(path.c_str(), headers)
                                : c.Post(path.c_str(), headers, body, type.c_str());
  if (origin == server) record_api_answer(method, path, r);
  Hop hop;
  hop.url = url;
  if (!r) {
    hop.status = -1;
    return hop;
  }
  hop.status = r->status;
  hop.body = r->body;
  for (const auto& [k, v] : r->headers) hop.headers[k] = v;
  hop.location = r->get_header_value("Location");
  if (!hop.location.empty() && hop.location[0] == '/') hop.location = origin + hop.location;
  if (origin == server) {
    for (std::size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
      const std::string set = r->get_header_value("Set-Cookie", i);
      const std::string pair = set.substr(0, set.find(';'));
      const auto eq = pair.find('=');
      if (set.find("Max-Age=0") != std::string::npos) cookies.erase(pair.substr(0, eq));
      else cookies[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  }
  return hop;
}

std::vector<Browser::Hop> Browser::follow(std::string url, const std::function<bool(const std::string&)>& stop) {
  std::vector<Hop> hops;
  for (int i = 0; i < 10; ++i) {
    if (stop && stop(url)) {
      Hop pending;
      pending.url = url;
      hops.push_back(pending);
      return hops;
    }
    hops.push_back(request("GET", url));
    const Hop& h = hops.back();
    if (h.status < 300 || h.status >= 400 || h.location.empty()) return hops;
    url = h.location;
  }
  return hops;
}

std::string Browser::authorize(const std::string& start_path) {
  auto hops = follow(server + start_path, [](const std::string& u) { return u.find("/callback?") != std::string::npos; });
  std::string cb = hops.back().url;
  if (auto hash = cb.find('#'); hash != std::string::npos) cb.resize(hash);  // Instagram's "#_"
  return cb;
}

}  // namespace tirage::testing
