// The app's Transport in a page: fetch() through the bridge, Date.now() for the clock.
#pragma once

#include "wasm/app/api/transport.hpp"

namespace tirage::app {

class BrowserTransport final : public Transport {
 public:
  void send(HttpRequest request, std::function<void(HttpResponse)> done) override;
  double now() const override;
};

}  // namespace tirage::app
