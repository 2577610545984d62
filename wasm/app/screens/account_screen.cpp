// Sign up, verify, log in, forgotten password, new password: the account
// API of the server with the session cookie and its CSRF token. Signed in:
// the privacy policy and self-service deletion of the account, confirmed by
// typing its address (the server checks it too), which signs out.
#include <imgui.h>

#include <cctype>

#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace tirage::app {

namespace {

void start_request(AccountForm& f) {
  f.busy = true;
  f.error.clear();
  f.message.clear();
}

// Google and Facebook sign-in: the server runs the OAuth flow and comes back
// to /app signed in; when the email belongs to an existing account, the
// server's own page asks before linking, then comes back here.
void external_sign_in() {
  ImGui::Separator();
  ui::Say("account.or");
  const std::string lang = "&lang=" + text().language();
  if (ui::Button("account.with_google", {}, -1)) navigate("/api/v1/oauth/google/start?purpose=login" + lang);
  if (ui::Button("account.with_facebook", {}, -1)) navigate("/api/v1/oauth/facebook/start?purpose=login" + lang);
  ui::Say("account.external_note");
}

void privacy_link() {
  if (ui::Button("account.privacy")) open_url("/privacy?lang=" + text().language());
}

// True when typed is the address, case and surrounding spaces aside (as the server compares them).
bool same_address(std::string typed, const std::string& email) {
  while (!typed.empty() && typed.back() == ' ') typed.pop_back();
  typed.erase(0, typed.find_first_not_of(' '));
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string lower = email;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return !typed.empty() && typed == lower;
}

// The signed-in organizer's account: who, the privacy policy, and the deletion.
void my_account(OrganizerApp& app) {
  AccountForm& f = app.account;
  ui::Heading("account.mine.title");
  ui::SayText("account.mine.email", T("account.mine.email", {{"email", app.email}}));
  privacy_link();
  ImGui::SameLine();
  if (ui::Button("account.back")) app.screen = Screen::home;
  ImGui::Separator();
  if (!f.confirm_delete) {
    if (ui::Button("account.delete")) f.confirm_delete = true, f.delete_typed.clear(), f.error.clear();
    return;
  }
  ui::Say("account.delete.explain");
  ui::Input("account.delete.confirm", f.delete_typed, ImGuiInputTextFlags_CharsNoBlank,
            T("account.delete.type", {{"email", app.email}}));
  ImGui::BeginDisabled(f.busy || !same_address(f.delete_typed, app.email));
  if (ui::PrimaryButton("account.delete.submit")) {
    start_request(f);
    app.api.post("/api/v1/account/delete", Json{{"confirm", f.delete_typed}}, [&app](ApiReply r) {
      app.account.busy = false;
      if (!r.ok()) {
        app.account.error = r.message;
        return;
      }
      // Signed out: the server ended every session and cleared the cookie.
      const std::string gone = app.email;
      app.api.set_csrf("");
      app.email.clear();
      app.account = AccountForm();
      app.account.message = T("account.deleted", {{"email", gone}});
      app.screen = Screen::account;
    });
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::Button("action.cancel")) f.confirm_delete = false, f.delete_typed.clear();
}

}  // namespace

void account_screen(OrganizerApp& app) {
  AccountForm& f = app.account;
  const float scale = ImGui::GetFontSize() / 16.f;
  ui::BeginPage("account", 520 * scale);
  if (!app.email.empty()) {
    my_account(app);
    if (f.busy) ui::Say("app.working");
    if (!f.message.empty()) ui::SayText("account.message", f.message);
    if (!f.error.empty()) ui::Error("account.error", f.error);
    ui::EndPage();
    return;
  }
  ImGui::Dummy(ImVec2(1, 12 * scale));
  ui::Say("account.tagline");
  switch (f.mode) {
    case AccountMode::login: {
      ui::Heading("account.login.title");
      ui::Input("account.email", f.email, ImGuiInputTextFlags_CharsNoBlank);
      ui::Password("account.password", f.password);
      ImGui::BeginDisabled(f.busy);
      if (ui::PrimaryButton("account.login.submit", {}, -1) || (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && !f.email.empty())) {
        start_request(f);
        app.api.post("/api/v1/accounts/login", Json{{"email", f.email}, {"password", f.password}}, [&app](ApiReply r) {
          app.account.busy = false;
          if (!r.ok()) {
            app.account.error = r.code == "rate_limited" ? T("account.error.rate_limited") : r.message;
            return;
          }
          app.after_login(r.body.value("email", ""), r.body.value("csrf_token", ""));
        });
      }
      ImGui::EndDisabled();
      if (ui::Button("account.to_signup")) f.mode = AccountMode::signup, f.error.clear(), f.message.clear();
      ImGui::SameLine();
      if (ui::Button("account.to_forgot")) f.mode = AccountMode::forgot, f.error.clear(), f.message.clear();
      external_sign_in();
      break;
    }
    case AccountMode::signup: {
      ui::Heading("account.signup.title");
      ui::Input("account.email", f.email, ImGuiInputTextFlags_CharsNoBlank);
      ui::Password("account.password", f.password);
      ui::Say("account.password_hint");
      ImGui::BeginDisabled(f.busy);
      if (ui::PrimaryButton("account.signup.submit", {}, -1)) {
        start_request(f);
        app.api.post("/api/v1/accounts/signup",
                     Json{{"email", f.email}, {"password", f.password}, {"language", text().language()}}, [&app](ApiReply r) {
                       app.account.busy = false;
                       if (!r.ok()) {
                         app.account.error = r.message;
                         return;
                       }
                       app.account.mode = AccountMode::login;
                       app.account.password.clear();
                       app.account.message = T("account.signup.check_mail", {{"email", app.account.email}});
                     });
      }
      ImGui::EndDisabled();
      if (ui::Button("account.to_login")) f.mode = AccountMode::login, f.error.clear();
      external_sign_in();
      break;
    }
    case AccountMode::forgot: {
      ui::Heading("account.forgot.title");
      ui::Input("account.email", f.email, ImGuiInputTextFlags_CharsNoBlank);
      ImGui::BeginDisabled(f.busy);
      if (ui::PrimaryButton("account.forgot.submit", {}, -1)) {
        start_request(f);
        app.api.post("/api/v1/accounts/password-reset", Json{{"email", f.email}}, [&app](ApiReply r) {
          app.account.busy = false;
          if (!r.ok()) app.account.error = r.message;
          else app.account.message = T("account.forgot.sent");
        });
      }
      ImGui::EndDisabled();
      if (ui::Button("account.to_login")) f.mode = AccountMode::login, f.error.clear();
      break;
    }
    case AccountMode::reset: {
      ui::Heading("account.reset.title");
      ui::Password("account.new_password", f.password);
      ui::Password("account.new_password2", f.password2);
      ImGui::BeginDisabled(f.busy);
      if (ui::PrimaryButton("account.reset.submit", {}, -1)) {
        if (f.password != f.password2) {
          f.error = T("account.error.mismatch");
        } else {
          start_request(f);
          app.api.post("/api/v1/accounts/password-reset/confirm", Json{{"token", f.token}, {"password", f.password}},
                       [&app](ApiReply r) {
                         app.account.busy = false;
                         if (!r.ok()) {
                           app.account.error = r.message;
                           return;
                         }
                         app.account.mode = AccountMode::login;
                         app.account.password.clear();
                         app.account.password2.clear();
                         app.account.message = T("account.reset.done");
                       });
        }
      }
      ImGui::EndDisabled();
      break;
    }
    case AccountMode::check_mail: break;
  }
  if (f.busy) ui::Say("app.working");
  if (!f.message.empty()) ui::SayText("account.message", f.message);
  if (!f.error.empty()) ui::Error("account.error", f.error);
  ImGui::Separator();
  privacy_link();
  ui::EndPage();
}

}  // namespace tirage::app
