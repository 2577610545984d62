#include "server/http/security_headers.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "shared/core/base64url.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::server {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string origin_of(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const auto path = url.find('/', scheme + 3);
  return url.substr(0, path);
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

std::pair<std::vector<std::string>, std::vector<std::string>> inline_block_hashes(const std::string& html) {
  std::pair<std::vector<std::string>, std::vector<std::string>> out;
  const std::string low = lower(html);
  for (const char* tag : {"script", "style"}) {
    const std::string open = std::string("<") + tag, close = std::string("</") + tag;
    for (std::size_t at = low.find(open); at != std::string::npos; at = low.find(open, at + 1)) {
      const auto gt = low.find('>', at);
      if (gt == std::string::npos) break;
      const char after = low[at + open.size()];
      if (after != '>' && after != ' ' && after != '\t' && after != '\n') continue;  // <scripts>, <style-x>
      if (std::string(tag) == "script" && low.substr(at, gt - at).find(" src=") != std::string::npos) continue;
      const auto end = low.find(close, gt);
      if (end == std::string::npos) break;
      const Hash h = sha256(std::string_view(html).substr(gt + 1, end - gt - 1));
      (std::string(tag) == "script" ? out.first : out.second).push_back("'sha256-" + base64_encode(h) + "'");
    }
  }
  return out;
}

SecurityHeaders::SecurityHeaders(const std::string& static_root, const std::vector<std::string>& connect_origins) {
  namespace fs = std::filesystem;
  // public/ is served at the root, web/ under /assets (App::static_routes).
  for (const auto& [dir, url] : {std::pair{"public", "/"}, {"web", "/assets/"}}) {
    std::error_code ec;
    const fs::path base = fs::path(static_root) / dir;
    if (!fs::exists(base, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(base, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != ".html") continue;
      std::ifstream in(it->path(), std::ios::binary);
      const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      auto [scripts, styles] = inline_block_hashes(body);
      InlineHashes hashes{std::move(scripts), std::move(styles)};
      static_pages_[to_hex(sha256(body))] = hashes;
      static_paths_[url + fs::relative(it->path(), base).generic_string()] = std::move(hashes);
    }
  }
  for (const auto& url : connect_origins)
    if (const std::string o = origin_of(url); !o.empty() && connect_extra_.find(" " + o) == std::string::npos) connect_extra_ += " " + o;
}

std::string SecurityHeaders::content_security_policy(const std::string& path, const std::string& body, bool compressed) const {
  std::string script = "script-src 'self' 'wasm-unsafe-eval'", style = "style-src 'self'";
  // A file served from a mount point is known by its path, which can only be that file; a page a
  // handler read from one (/app, /billing) by its content, unless it is compressed already.
  const InlineHashes* hashes = nullptr;
  if (auto it = static_paths_.find(path.empty() || path.back() == '/' ? path + "index.html" : path); it != static_paths_.end())
    hashes = &it->second;
  else if (!compressed)
    if (auto c = static_pages_.find(to_hex(sha256(body))); c != static_pages_.end()) hashes = &c->second;
  if (hashes) {
    for (const auto& h : hashes->scripts) script += " " + h;
    for (const auto& h : hashes->styles) style += " " + h;
  }
  // The verify page may be framed by any site (it holds nothing private and acts for nobody);
  // every other page, none (the app, billing and sign-in pages act with the visitor's session).
  const std::string frame = starts_with(path, "/v/") ? "frame-ancestors *" : "frame-ancestors 'none'";
  return "default-src 'self'; " + script + "; " + style + "; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'" +
         connect_extra_ + "; object-src 'none'; base-uri 'none'; form-action 'self'; " + frame;
}

void SecurityHeaders::apply(const httplib::Request& req, httplib::Response& res, bool https) const {
  res.set_header("X-Content-Type-Options", "nosniff");
  if (https) res.set_header("Strict-Transport-Security", "max-age=31536000");
  const std::string type = res.get_header_value("Content-Type");
  if (starts_with(type, "text/html")) {
    res.set_header("Content-Security-Policy", content_security_policy(req.path, res.body, res.has_header("Content-Encoding")));
    if (!starts_with(req.path, "/v/")) res.set_header("X-Frame-Options", "DENY");
    if (!res.has_header("Referrer-Policy")) res.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
  }
  // What partner sites load from us (the widget, the verifier it runs, the public reads): any site may
  // fetch it, never with cookies; everything else stays with this origin.
  bool shared = false;
  for (const char* prefix : {"/api/v1/draws/", "/api/v1/log/", "/api/v1/giveaways/", "/api/v1/organizers/", "/.well-known/", "/assets/"})
    shared = shared || starts_with(req.path, prefix);
  if (shared && (req.method == "GET" || req.method == "HEAD")) res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Cross-Origin-Resource-Policy", shared ? "cross-origin" : "same-origin");
}

}  // namespace tirage::server
