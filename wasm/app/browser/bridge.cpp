#include "wasm/app/browser/bridge.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <map>

namespace tirage::app {

namespace {

// Callbacks waiting for the browser, by request id (single-threaded: the main loop).
int next_id = 1;
std::map<int, std::function<void(HttpResponse)>> http_waiting;
std::map<int, std::function<void(std::string, std::string)>> file_waiting;
std::map<int, std::function<void(bool, std::string)>> get_waiting;
std::map<int, std::function<void(bool)>> put_waiting;

}  // namespace

EM_JS(void, js_http_request, (int id, const char* method, const char* path, const char* type, const char* body, int body_len,
                              const char* csrf), {
  const headers = {};
  const t = UTF8ToString(type);
  if (t) headers["Content-Type"] = t;
  const token = UTF8ToString(csrf);
  if (token) headers["X-CSRF-Token"] = token;
  const m = UTF8ToString(method);
  const init = { method: m, headers: headers, credentials: "same-origin" };
  if (m !== "GET" && m !== "HEAD") init.body = HEAPU8.slice(body, body + body_len);
  // The body's bytes go to Wasm as they came (UTF-8): no decoding to a JS string and encoding back.
  const reply = (status, bytes, retry) => {
    const p = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, p);
    HEAPU8[p + bytes.length] = 0;
    const r = tirageNewUTF8(retry || "");
    _tirage_app_http_done(id, status, p, bytes.length, r);
  };
  fetch(UTF8ToString(path), init)
    .then(r => r.arrayBuffer().then(buf => reply(r.status, new Uint8Array(buf), r.headers.get("Retry-After"))))
    .catch(e => reply(0, new TextEncoder().encode(String(e && e.message || e)), ""));
});

EM_JS(void, js_pick_file, (int id, const char* accept), {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = UTF8ToString(accept);
  input.style.display = "none";
  input.id = "tirage-file-input";
  document.body.appendChild(input);
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    input.remove();
    if (!file) return;
    file.arrayBuffer().then(buf => {
      const bytes = new Uint8Array(buf);
      const p = _malloc(bytes.length || 1);
      HEAPU8.set(bytes, p);
      const name = tirageNewUTF8(file.name);
      _tirage_app_file_done(id, name, p, bytes.length);
    });
  });
  input.click();
});

EM_JS(void, js_copy, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(() => {});
  window.tirageLastCopied = s;
});

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int len), {
  const blob = new Blob([HEAPU8.slice(data, data + len)], { type: UTF8ToString(mime) });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

EM_JS(void, js_open_url, (const char* url), { window.open(UTF8ToString(url), "_blank", "noopener"); });

EM_JS(void, js_store, (int id, int op, const char* key, const char* data, int len), {
  const k = UTF8ToString(key);
  const value = op === 1 ? HEAPU8.slice(data, data + len) : null;
  const done = (found, bytes) => {
    if (op !== 2) { if (id) _tirage_app_put_done(id, found ? 1 : 0); return; }
    const n = bytes ? bytes.length : 0;
    const p = _malloc(n || 1);
    if (n) HEAPU8.set(bytes, p);
    _tirage_app_get_done(id, found ? 1 : 0, p, n);
  };
  tirageDb().then((db) => {
    let tx;
    try {
      tx = db.transaction("kv", op === 2 ? "readonly" : "readwrite");
    } catch (e) {
      return done(false, null);
    }
    const store = tx.objectStore("kv");
    if (op === 2) {
      const req = store.get(k);
      req.onsuccess = () => { const v = req.result; done(v !== undefined, v ? new Uint8Array(v) : null); };
      req.onerror = () => done(false, null);
      return;
    }
    if (op === 1) store.put(value, k); else store.delete(k);
    tx.oncomplete = () => done(true, null);
    tx.onerror = tx.onabort = () => done(false, null);
  }, () => done(false, null));
});

EM_JS(double, js_now, (), { return Date.now() / 1000; });

EM_JS(char*, js_languages, (), {
  const list = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"]);
  return tirageNewUTF8(list.join(","));
});

EM_JS(char*, js_hash, (), { return tirageNewUTF8(decodeURIComponent(location.hash.replace(/^#/, ""))); });

EM_JS(void, js_clear_hash, (), { history.replaceState(null, "", location.pathname + location.search); });

EM_JS(char*, js_query_param, (const char* name), {
  return tirageNewUTF8(new URLSearchParams(location.search).get(UTF8ToString(name)) || "");
});

EM_JS(void, js_clear_query, (), { history.replaceState(null, "", location.pathname + location.hash); });

EM_JS(void, js_navigate, (const char* url), { location.assign(UTF8ToString(url)); });

EM_JS(char*, js_session_get, (const char* key), {
  try { return tirageNewUTF8(sessionStorage.getItem(UTF8ToString(key)) || ""); } catch (e) { return tirageNewUTF8(""); }
});

EM_JS(void, js_session_set, (const char* key, const char* value), {
  try {
    const v = UTF8ToString(value);
    if (v) sessionStorage.setItem(UTF8ToString(key), v); else sessionStorage.removeItem(UTF8ToString(key));
  } catch (e) {}
});

EM_JS(char*, js_origin, (), { return tirageNewUTF8(location.origin); });

EM_JS(void, js_text_input, (int active), { if (window.tirageShell) window.tirageShell.textInput(!!active); });

EM_JS(void, js_document_language, (const char* lang, const char* title), {
  document.documentElement.lang = UTF8ToString(lang);
  document.title = UTF8ToString(title);
});

namespace {

std::string take_string(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

}  // namespace

void http_request(const HttpRequest& r, std::function<void(HttpResponse)> done) {
  const int id = next_id++;
  http_waiting[id] = std::move(done);
  js_http_request(id, r.method.c_str(), r.path.c_str(), r.content_type.c_str(), r.body.data(), static_cast<int>(r.body.size()),
                  r.csrf.c_str());
}

void pick_file(std::string_view accept, std::function<void(std::string, std::string)> done) {
  const int id = next_id++;
  file_waiting[id] = std::move(done);
  js_pick_file(id, std::string(accept).c_str());
}

void copy_to_clipboard(std::string_view text) { js_copy(std::string(text).c_str()); }

void download(std::string_view filename, std::string_view mime, std::string_view bytes) {
  js_download(std::string(filename).c_str(), std::string(mime).c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

void open_url(std::string_view url) { js_open_url(std::string(url).c_str()); }

void store_put(std::string_view key, std::string_view value, std::function<void(bool)> done) {
  const int id = done ? next_id++ : 0;
  if (done) put_waiting[id] = std::move(done);
  js_store(id, 1, std::string(key).c_str(), value.data(), static_cast<int>(value.size()));
}

void store_get(std::string_view key, std::function<void(bool, std::string)> done) {
  const int id = next_id++;
  get_waiting[id] = std::move(done);
  js_store(id, 2, std::string(key).c_str(), nullptr, 0);
}

void store_delete(std::string_view key, std::function<void(bool)> done) {
  const int id = done ? next_id++ : 0;
  if (done) put_waiting[id] = std::move(done);
  js_store(id, 3, std::string(key).c_str(), nullptr, 0);
}

double now_seconds() { return js_now(); }
std::string browser_languages() { return take_string(js_languages()); }
std::string location_hash() { return take_string(js_hash()); }
void clear_location_hash() { js_clear_hash(); }
std::string query_param(std::string_view name) { return take_string(js_query_param(std::string(name).c_str())); }
void clear_query() { js_clear_query(); }
void navigate(std::string_view url) { js_navigate(std::string(url).c_str()); }
std::string session_get(std::string_view key) { return take_string(js_session_get(std::string(key).c_str())); }
void session_set(std::string_view key, std::string_view value) {
  js_session_set(std::string(key).c_str(), std::string(value).c_str());
}
std::string page_origin() { return take_string(js_origin()); }
void set_text_input_active(bool active) { js_text_input(active ? 1 : 0); }
void set_document_language(std::string_view lang, std::string_view title) {
  js_document_language(std::string(lang).c_str(), std::string(title).c_str());
}

}  // namespace tirage::app

// Called by the JS side when an answer arrives; they own and free the buffers.
extern "C" {

EMSCRIPTEN_KEEPALIVE void tirage_app_http_done(int id, int status, char* body, int len, char* retry_after) {
  using namespace tirage::app;
  auto it = http_waiting.find(id);
  HttpResponse reply{status, std::string(body, static_cast<std::size_t>(len)), retry_after ? retry_after : ""};
  std::free(body);
  std::free(retry_after);
  if (it == http_waiting.end()) return;
  auto done = std::move(it->second);
  http_waiting.erase(it);
  done(std::move(reply));
}

EMSCRIPTEN_KEEPALIVE void tirage_app_file_done(int id, char* name, char* data, int len) {
  using namespace tirage::app;
  std::string n = name ? name : "";
  std::string bytes(data, static_cast<std::size_t>(len));
  std::free(name);
  std::free(data);
  auto it = file_waiting.find(id);
  if (it == file_waiting.end()) return;
  auto done = std::move(it->second);
  file_waiting.erase(it);
  done(std::move(n), std::move(bytes));
}

EMSCRIPTEN_KEEPALIVE void tirage_app_get_done(int id, int found, char* data, int len) {
  using namespace tirage::app;
  std::string bytes(data, static_cast<std::size_t>(len));
  std::free(data);
  auto it = get_waiting.find(id);
  if (it == get_waiting.end()) return;
  auto done = std::move(it->second);
  get_waiting.erase(it);
  done(found != 0, std::move(bytes));
}

EMSCRIPTEN_KEEPALIVE void tirage_app_put_done(int id, int ok) {
  using namespace tirage::app;
  auto it = put_waiting.find(id);
  if (it == put_waiting.end()) return;
  auto done = std::move(it->second);
  put_waiting.erase(it);
  done(ok != 0);
}
}

EM_JS(int, js_tz_offset, (double t), { return new Date(t * 1000).getTimezoneOffset(); });

namespace tirage::app {
int timezone_offset_minutes(double unix_seconds) { return js_tz_offset(unix_seconds); }
}  // namespace tirage::app

// The page came back into view or got the focus since the last call (listeners installed on the first call).
EM_JS(int, js_take_page_shown, (), {
  if (!Module["tiragePageShown"]) {
    Module["tiragePageShown"] = { back: 0 };
    const mark = () => { if (document.visibilityState === "visible") Module["tiragePageShown"].back = 1; };
    document.addEventListener("visibilitychange", mark);
    window.addEventListener("focus", mark);
  }
  const back = Module["tiragePageShown"].back;
  Module["tiragePageShown"].back = 0;
  return back;
});

namespace tirage::app {
bool take_page_shown() { return js_take_page_shown() != 0; }
}  // namespace tirage::app
