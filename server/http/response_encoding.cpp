#include "server/http/response_encoding.hpp"

namespace tirage::server {

std::string without_brotli(std::string_view accept_encoding) {
  std::string out;
  std::size_t at = 0;
  while (at <= accept_encoding.size()) {
    std::size_t end = accept_encoding.find(',', at);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view entry = accept_encoding.substr(at, end - at);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
    std::string_view name = entry.substr(0, entry.find(';'));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    // cpp-httplib looks for the letters "br" anywhere in the header, so no entry holding them is kept.
    if (!entry.empty() && name.find("br") == std::string_view::npos && name.find("BR") == std::string_view::npos) {
      if (!out.empty()) out += ", ";
      out += entry;
    }
    at = end + 1;
  }
  return out;
}

void answer_without_brotli(const httplib::Request& req) {
  // cpp-httplib hands handlers a const view of the Request it owns as a
  // non-const local (Server::process_request), so changing it here is defined.
  auto& headers = const_cast<httplib::Request&>(req).headers;
  auto [first, last] = headers.equal_range("Accept-Encoding");  // the header map compares names case-insensitively
  for (auto it = first; it != last; ++it) it->second = without_brotli(it->second);
}

}  // namespace tirage::server
