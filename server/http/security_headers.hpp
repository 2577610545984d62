// The headers every answer carries (docs/deploy.md, "Security headers"):
// X-Content-Type-Options: nosniff everywhere; on every HTML page a
// Content-Security-Policy (scripts and styles from this origin only, plus the
// hashes of the inline blocks of our own static pages; connections to this
// origin and the drand relays) with frame-ancestors 'none' (and
// X-Frame-Options: DENY), except the verify pages (/v/), which any site may
// frame; public reads, the widget's script and the verifier may be loaded by
// any site (Access-Control-Allow-Origin: *, Cross-Origin-Resource-Policy:
// cross-origin), everything else by this origin only; HSTS when the request
// came over https.
#pragma once

#include <httplib.h>

#include <map>
#include <string>
#include <vector>

namespace tirage::server {

class SecurityHeaders {
 public:
  // static_root: the folder holding public/ and web/; the inline <script> and <style> blocks of the
  // HTML files there are hashed now (they are ours and fixed at deploy, unlike rendered pages).
  // connect_origins: other origins pages may fetch from (the drand relays the verify page re-checks).
  SecurityHeaders(const std::string& static_root, const std::vector<std::string>& connect_origins);
  // Adds the headers to an answer about to be sent; https: the client reached us over https.
  void apply(const httplib::Request& req, httplib::Response& res, bool https) const;
  // The Content-Security-Policy an HTML page at path with this body (already compressed or not) gets.
  std::string content_security_policy(const std::string& path, const std::string& body, bool compressed) const;

 private:
  struct InlineHashes {
    std::vector<std::string> scripts, styles;  // 'sha256-...' sources
  };
  std::map<std::string, InlineHashes> static_pages_;  // by the SHA-256 (hex) of the whole file
  std::map<std::string, InlineHashes> static_paths_;  // by the URL path the file is served at
  std::string connect_extra_;                         // " https://relay ..." for connect-src
};

// The 'sha256-BASE64' CSP sources of the inline (no src) <script> and <style> blocks of html.
std::pair<std::vector<std::string>, std::vector<std::string>> inline_block_hashes(const std::string& html);

}  // namespace tirage::server
