#include "wasm/app/browser/browser_transport.hpp"

#include "wasm/app/browser/bridge.hpp"

namespace tirage::app {

void BrowserTransport::send(HttpRequest request, std::function<void(HttpResponse)> done) {
  http_request(request, std::move(done));
}

double BrowserTransport::now() const { return now_seconds(); }

}  // namespace tirage::app
