// Sign up, verify, log in, forgotten password, new password: the account
// API of the server with the session cookie and its CSRF token.
#include <imgui.h>

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

}  // namespace

void account_screen(OrganizerApp& app) {
  AccountForm& f = app.account;
  const float scale = ImGui::GetFontSize() / 16.f;
  ui::BeginPage("account", 520 * scale);
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
  ui::EndPage();
}

}  // namespace tirage::app
