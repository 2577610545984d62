// The app's only doorway to the browser: HTTP, files, clipboard, storage,
// downloads, the clock and the page address. Every call is asynchronous on
// the JS side; answers come back as callbacks on the main loop's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "wasm/app/api/transport.hpp"

namespace tirage::app {

// Sends a same-origin request with the session cookie (request.csrf as X-CSRF-Token when not empty).
void http_request(const HttpRequest& request, std::function<void(HttpResponse)> done);

// Opens the browser's file chooser; done gets the chosen file's name and bytes.
void pick_file(std::string_view accept, std::function<void(std::string name, std::string bytes)> done);

// Copies text to the system clipboard (navigator.clipboard).
void copy_to_clipboard(std::string_view text);

// Offers bytes as a file download.
void download(std::string_view filename, std::string_view mime, std::string_view bytes);

// Opens a URL in a new tab.
void open_url(std::string_view url);

// Leaves the app for url in this tab (OAuth sign-in and connections come back to /app).
void navigate(std::string_view url);

// IndexedDB key-value store (database "tirage-app"): put and delete report
// whether they were stored when asked; get answers found=false for a missing
// key. Requests take effect in the order they are made.
void store_put(std::string_view key, std::string_view value, std::function<void(bool ok)> done = {});
void store_get(std::string_view key, std::function<void(bool found, std::string value)> done);
void store_delete(std::string_view key, std::function<void(bool ok)> done = {});

// Wall-clock seconds since the epoch, with a fraction.
double now_seconds();

// The browser's preferred language codes, best first ("fr-CH,fr,en").
std::string browser_languages();

// The page's location hash without '#', and a way to clear it.
std::string location_hash();
void clear_location_hash();

// A parameter of the page's query string ("" when absent), and a way to drop the whole query.
std::string query_param(std::string_view name);
void clear_query();

// sessionStorage (this tab only, survives the OAuth round trip): "" when absent.
std::string session_get(std::string_view key);
void session_set(std::string_view key, std::string_view value);

// The page's origin ("https://tirage.example").
std::string page_origin();

// Tells the page shell whether an on-screen keyboard should show (text field active on touch screens).
void set_text_input_active(bool active);

// Sets the page's <html lang> and title.
void set_document_language(std::string_view lang, std::string_view title);

}  // namespace tirage::app

namespace tirage::app {
// Minutes to add to local time to get UTC at the given Unix time (JS getTimezoneOffset).
int timezone_offset_minutes(double unix_seconds);
// The same for a whole second (the shape model/local_time's parse_local_time_at takes).
inline int browser_tz_offset(std::int64_t unix_seconds) { return timezone_offset_minutes(static_cast<double>(unix_seconds)); }
}  // namespace tirage::app

namespace tirage::app {
// True once after the tab came back into view or regained the focus (to look again at what may have changed).
bool take_page_shown();
}  // namespace tirage::app
