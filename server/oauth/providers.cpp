#include "server/oauth/providers.hpp"

namespace tirage::server {

namespace {
constexpr const char* kGraphVersion = "v23.0";  // pinned Graph API version (api-reference.md 1.1)
}

const std::vector<ProviderSpec>& providers() {
  static const std::vector<ProviderSpec> k = [] {
    std::vector<ProviderSpec> v;
    const std::string graph = std::string("https://graph.facebook.com/") + kGraphVersion;

    ProviderSpec google;
    google.id = "google";
    google.name = "Google";
    google.env_prefix = "TIRAGE_GOOGLE";
    google.platform = "youtube";
    google.can_log_in = true;
    google.authorize_url = "https://accounts.google.com/o/oauth2/v2/auth";
    google.token_url = "https://oauth2.googleapis.com/token";
    google.revoke_url = "https://oauth2.googleapis.com/revoke";
    google.identity_url = "https://openidconnect.googleapis.com/v1/userinfo";
    google.pkce = PkceMethod::s256;
    google.login_scopes = {"openid", "email"};
    google.connect_scopes = {"openid", "email", "https://www.googleapis.com/auth/youtube.readonly"};
    google.extra_authorize_params = {{"access_type", "offline"}, {"prompt", "consent"}};
    v.push_back(google);

    ProviderSpec facebook;
    facebook.id = "facebook";
    facebook.name = "Facebook";
    facebook.env_prefix = "TIRAGE_FACEBOOK";
    facebook.platform = "facebook";
    facebook.can_log_in = true;
    facebook.authorize_url = std::string("https://www.facebook.com/") + kGraphVersion + "/dialog/oauth";
    facebook.token_url = graph + "/oauth/access_token";
    facebook.long_lived_url = graph + "/oauth/access_token";
    facebook.revoke_url = graph + "/me/permissions";  // DELETE: removes the app's authorization
    facebook.identity_url = graph + "/me?fields=id,name,email";
    facebook.pkce = PkceMethod::s256;
    facebook.token_by_get = true;
    facebook.scope_separator = ",";
    facebook.login_scopes = {"email"};
    facebook.connect_scopes = {"pages_show_list", "pages_read_engagement", "pages_read_user_content"};
    v.push_back(facebook);

    ProviderSpec instagram;
    instagram.id = "instagram";
    instagram.name = "Instagram";
    instagram.env_prefix = "TIRAGE_INSTAGRAM";
    instagram.platform = "instagram";
    instagram.authorize_url = "https://www.instagram.com/oauth/authorize";
    instagram.token_url = "https://api.instagram.com/oauth/access_token";
    instagram.long_lived_url = "https://graph.instagram.com/access_token";
    instagram.refresh_url = "https://graph.instagram.com/refresh_access_token";
    instagram.identity_url = std::string("https://graph.instagram.com/") + kGraphVersion + "/me?fields=user_id,username";
    instagram.scope_separator = ",";
    instagram.connect_scopes = {"instagram_business_basic", "instagram_business_manage_comments"};
    v.push_back(instagram);

    ProviderSpec x;
    x.id = "x";
    x.name = "X";
    x.env_prefix = "TIRAGE_X";
    x.platform = "x";
    x.authorize_url = "https://x.com/i/oauth2/authorize";
    x.token_url = "https://api.x.com/2/oauth2/token";
    x.revoke_url = "https://api.x.com/2/oauth2/revoke";
    x.identity_url = "https://api.x.com/2/users/me";
    x.pkce = PkceMethod::s256;
    x.client_auth = ClientAuth::basic_header;
    x.connect_scopes = {"tweet.read", "users.read", "like.read", "offline.access"};
    v.push_back(x);

    ProviderSpec tiktok;
    tiktok.id = "tiktok";
    tiktok.name = "TikTok";
    tiktok.env_prefix = "TIRAGE_TIKTOK";
    tiktok.platform = "tiktok";
    tiktok.authorize_url = "https://www.tiktok.com/v2/auth/authorize/";
    tiktok.token_url = "https://open.tiktokapis.com/v2/oauth/token/";
    tiktok.revoke_url = "https://open.tiktokapis.com/v2/oauth/revoke/";
    tiktok.identity_url = "https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name";
    tiktok.client_id_param = "client_key";
    tiktok.pkce = PkceMethod::s256_hex;
    tiktok.scope_separator = ",";
    tiktok.connect_scopes = {"user.info.basic", "video.list"};
    v.push_back(tiktok);
    return v;
  }();
  return k;
}

const ProviderSpec* find_provider(std::string_view id) {
  for (const auto& p : providers())
    if (p.id == id) return &p;
  return nullptr;
}

const ProviderSpec* provider_for_platform(std::string_view platform) {
  for (const auto& p : providers())
    if (p.platform == platform) return &p;
  return nullptr;
}

std::string sandboxed(const std::string& url, const std::string& sandbox) {
  if (sandbox.empty()) return url;
  const auto scheme = url.find("://");
  return sandbox + "/" + (scheme == std::string::npos ? url : url.substr(scheme + 3));
}

}  // namespace tirage::server
