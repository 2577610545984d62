// What the app's model needs from the page it runs in: HTTP to its server and
// the wall clock. The browser's (fetch, Date.now) is installed by main.cpp;
// tests install a fake that records requests and answers from a script, so
// the model runs natively without a browser.
#pragma once

#include <functional>
#include <string>

namespace tirage::app {

struct HttpRequest {
  std::string method;        // GET, POST, DELETE
  std::string path;          // same-origin, with its query ("/api/v1/imports/7/comments?offset=0")
  std::string content_type;  // empty when there is no body
  std::string body;
  std::string csrf;          // sent as X-CSRF-Token when not empty
};

struct HttpResponse {
  int status = 0;            // 0: the request never reached the server (offline, blocked)
  std::string body;
  std::string retry_after;   // the Retry-After header, when the server sent one
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends request; done is called once, later, on the main loop's thread (never from inside send).
  virtual void send(HttpRequest request, std::function<void(HttpResponse)> done) = 0;
  // Wall-clock seconds since the epoch, with a fraction.
  virtual double now() const = 0;
};

}  // namespace tirage::app
