// A browser, reduced to what sign-in flows need: a cookie jar for the
// server's origin and redirects followed by hand (OAuth, link offers, mailed links).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tirage::testing {

struct Browser {
  explicit Browser(std::string server_url, std::map<std::string, std::string> jar = {})
      : server(std::move(server_url)), cookies(std::move(jar)) {}
  std::string server;  // http://127.0.0.1:PORT
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> extra_headers;  // sent to the server's origin with every request

  struct Hop {
    int status = 0;
    std::string url, location, body;
    std::map<std::string, std::string> headers;  // the answer's (last value of each name)
  };

  // One request; cookies sent to and kept from the server's origin only.
  Hop request(const std::string& method, const std::string& url, const std::string& body = "",
              const std::string& type = "application/x-www-form-urlencoded");
  // Follows redirects from url (at most 10), stopping before any URL for which stop() is true.
  std::vector<Hop> follow(std::string url, const std::function<bool(const std::string&)>& stop = nullptr);
  // The callback URL the provider sends the browser to, without visiting it.
  std::string authorize(const std::string& start_path);
};

}  // namespace tirage::testing
