// The browser bridge (wasm/app/browser/bridge.hpp) and the work pump for the
// headless frame test: no page, so storage is an in-memory map answered at
// once, files are never chosen, and what would leave the app (downloads,
// tabs, navigation) is dropped. HTTP and the clock are not here: they go
// through the app's Transport (a link error says when a screen goes around it).
#include <map>
#include <string>

#include "tests/unit/app/headless_bridge.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/browser/work_pump.hpp"

namespace tirage::app {

namespace {
std::map<std::string, std::string, std::less<>>& store() {
  static std::map<std::string, std::string, std::less<>> s;
  return s;
}
}  // namespace

void clear_headless_store() { store().clear(); }

void pick_file(std::string_view, std::function<void(std::string, std::string)>) {}
void copy_to_clipboard(std::string_view) {}
void download(std::string_view, std::string_view, std::string_view) {}
void open_url(std::string_view) {}
void navigate(std::string_view) {}

void store_put(std::string_view key, std::string_view value, std::function<void(bool)> done) {
  store()[std::string(key)] = std::string(value);
  if (done) done(true);
}
void store_get(std::string_view key, std::function<void(bool, std::string)> done) {
  auto it = store().find(key);
  if (it == store().end()) return done(false, "");
  done(true, it->second);
}
void store_delete(std::string_view key, std::function<void(bool)> done) {
  if (auto it = store().find(key); it != store().end()) store().erase(it);
  if (done) done(true);
}

std::string browser_languages() { return "en"; }
std::string location_hash() { return ""; }
void clear_location_hash() {}
std::string query_param(std::string_view) { return ""; }
void clear_query() {}
std::string session_get(std::string_view) { return ""; }
void session_set(std::string_view, std::string_view) {}
std::string page_origin() { return "https://tirage.test"; }
void set_text_input_active(bool) {}
void set_document_language(std::string_view, std::string_view) {}
int timezone_offset_minutes(double) { return 0; }
bool take_page_shown() { return false; }

void run_between_frames(std::function<bool()> slice) {
  while (slice()) {
  }
}

}  // namespace tirage::app
