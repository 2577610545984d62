#include "server/http/page_shell.hpp"

#include <fstream>
#include <iterator>

#include "server/http/api_response.hpp"

namespace tirage::server {

void send_page_shell(httplib::Response& res, const std::string& path, const Error& missing) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return send_error(res, missing);
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), "text/html; charset=utf-8");
}

}  // namespace tirage::server
