#include "server/http/api_document.hpp"

#include "server/http/api_document_embedded.hpp"
#include "server/http/page_shell.hpp"

namespace tirage::server {

void register_api_document_routes(RouteTable& http, const std::string& static_root) {
  http.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=300");
    res.set_content(embedded_openapi_document(), "application/json");
  });
  http.Get("/api", [page = static_root + "/web/api/index.html"](const httplib::Request&, httplib::Response& res) {
    send_page_shell(res, page,
                    make_error("not_found", "the API reference page is missing from web/api; the document itself is /api/v1/openapi.json"));
  });
}

}  // namespace tirage::server
