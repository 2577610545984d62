#include "server/http/error_codes_file.hpp"

#include "server/http/error_codes_embedded.hpp"

namespace tirage::server {

void register_error_codes_file(RouteTable& http) {
  http.Get("/assets/error-codes.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=300");
    res.set_content(embedded_error_codes(), "application/json");
  });
}

}  // namespace tirage::server
