#include "server/http/api_document.hpp"

#include <fstream>
#include <iterator>
#include <memory>

#include "server/http/api_document_embedded.hpp"
#include "server/http/api_response.hpp"

namespace tirage::server {

void register_api_document_routes(RouteTable& http, const std::string& static_root) {
  http.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=300");
    res.set_content(embedded_openapi_document(), "application/json");
  });
  http.Get("/api", [page = static_root + "/web/api/index.html"](const httplib::Request&, httplib::Response& res) {
    std::ifstream in(page, std::ios::binary);
    if (!in) return send_error(res, make_error("not_found", "the API reference page is missing from web/api; the document itself is /api/v1/openapi.json"));
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), "text/html; charset=utf-8");
  });
}

}  // namespace tirage::server
