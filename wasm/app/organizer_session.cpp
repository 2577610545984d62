// OrganizerApp's session: the language, what the page address brings (mail
// links, the way back from an OAuth connection), signing in and out, and the
// lists the server keeps for the organizer (draws, billing, API keys).
#include "wasm/app/organizer_app.hpp"

#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/ui/i18n.hpp"

namespace tirage::app {

namespace {

constexpr const char* kLanguageKey = "settings.language";
constexpr const char* kReturnKey = "tirage.return";  // sessionStorage: where to go back after an OAuth round trip

}  // namespace

void OrganizerApp::change_language(const std::string& lang) {
  set_language(lang);
  set_document_language(lang, T("app.title"));
  store_put(kLanguageKey, lang);
}

void OrganizerApp::start() {
  set_language(pick_language(browser_languages()));
  set_document_language(text().language(), T("app.title"));
  store_get(kLanguageKey, [this](bool found, std::string lang) {
    if (found) change_language(lang);
  });
  api.get("/healthz", [this](ApiReply r) {
    if (r.ok()) drand_available = r.body.value("drand", false);
  });

  // Links from mails land here: #verify=<token> or #reset=<token>.
  const std::string hash = location_hash();
  if (hash.rfind("verify=", 0) == 0) {
    clear_location_hash();
    account.busy = true;
    api.post("/api/v1/accounts/verify", Json{{"token", hash.substr(7)}}, [this](ApiReply r) {
      account.busy = false;
      if (r.ok()) account.message = T("account.verified");
      else account.error = r.message;
    });
  } else if (hash.rfind("reset=", 0) == 0) {
    clear_location_hash();
    account.mode = AccountMode::reset;
    account.token = hash.substr(6);
  }

  // Back from an OAuth connection: /app?connected={platform}.
  if (const std::string connected = query_param("connected"); !connected.empty()) {
    connected_platform_ = connected;
    connections.set_message(T("connections.connected", {{"platform", T("platform." + connected)}}));
    return_to_ = session_get(kReturnKey);
    if (return_to_.empty()) return_to_ = "connections";
    session_set(kReturnKey, "");
    clear_query();
  }

  api.get("/api/v1/me", [this](ApiReply r) {
    if (r.ok() && r.body.contains("csrf_token")) {
      after_login(r.body.value("email", ""), r.body.value("csrf_token", ""));
    } else {
      screen = Screen::account;
    }
  });
}

void OrganizerApp::after_login(const std::string& who, const std::string& csrf) {
  email = who;
  api.set_csrf(csrf);
  account = AccountForm();
  screen = Screen::home;
  load_history();
  load_billing();
  connections.load(api);
  restore_saved_work();
}

void OrganizerApp::logout() {
  api.post("/api/v1/accounts/logout", Json::object(), [this](ApiReply) {
    api.set_csrf("");
    email.clear();
    screen = Screen::account;
  });
}

void OrganizerApp::open_account() {
  account.confirm_delete = false;
  account.delete_typed.clear();
  account.error.clear();
  account.message.clear();
  screen = Screen::account;
}

void OrganizerApp::leave_for(const std::string& url, const std::string& return_to) {
  session_set(kReturnKey, return_to);
  save_now();
  pending_navigation_ = url;  // once IndexedDB has everything (frame() checks)
}

void OrganizerApp::load_history() {
  api.get("/api/v1/draws", [this](ApiReply r) {
    if (!r.ok()) {
      status_error = r.message;
      return;
    }
    history = r.body.value("draws", Json::array());
    // A draw published elsewhere, or abandoned once its deadline passed, reads so in the list (and may go).
    if (apply_server_statuses(giveaways, history)) save_index();
  });
}

void OrganizerApp::load_billing() {
  api.get("/api/v1/billing", [this](ApiReply r) {
    if (r.ok()) billing = std::move(r.body);
  });
}

void OrganizerApp::load_keys() {
  api.get("/api/v1/api-keys", [this](ApiReply r) {
    if (!r.ok()) {
      keys_error = r.message;
      return;
    }
    api_keys = r.body.is_array() ? r.body : r.body.value("api_keys", Json::array());
  });
}

}  // namespace tirage::app
