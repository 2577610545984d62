#include "wasm/app/browser/work_pump.hpp"

#include <emscripten.h>

namespace tirage::app {

namespace {
std::function<bool()> job;  // single-threaded: the page's main thread
bool posted = false;
}  // namespace

// One MessageChannel for the page's life: postMessage tasks run as soon as the
// thread is free, without setTimeout's 4 ms clamp on chained calls.
EM_JS(void, js_post_work, (), {
  if (!globalThis.tirageWorkPort) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => _tirage_app_work();
    globalThis.tirageWorkPort = channel.port2;
  }
  globalThis.tirageWorkPort.postMessage(0);
});

void run_between_frames(std::function<bool()> slice) {
  job = std::move(slice);
  if (posted) return;
  posted = true;
  js_post_work();
}

}  // namespace tirage::app

extern "C" EMSCRIPTEN_KEEPALIVE void tirage_app_work() {
  using namespace tirage::app;
  posted = false;
  if (!job) return;
  if (job()) {
    posted = true;
    js_post_work();
  } else {
    job = nullptr;
  }
}
