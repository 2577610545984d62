#include "server/oauth/oauth_client.hpp"

#include "server/oauth/http_fetch.hpp"
#include "shared/core/base64url.hpp"
#include "shared/core/percent_encoding.hpp"

namespace tirage::server {

namespace {

std::string base64_standard(std::string_view text) {
  std::string s = base64url_encode(as_bytes(text));
  for (char& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (s.size() % 4) s.push_back('=');
  return s;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

}  // namespace

OAuthClient::OAuthClient(const ProviderSpec& spec, ClientCredentials credentials, std::string redirect_uri, std::string sandbox,
                         int timeout_ms)
    : spec_(spec), credentials_(std::move(credentials)), redirect_uri_(std::move(redirect_uri)), sandbox_(std::move(sandbox)),
      timeout_ms_(timeout_ms) {}

std::string OAuthClient::authorize_url(const std::string& state, const std::string& challenge, bool for_login) const {
  std::vector<std::pair<std::string, std::string>> q = {
      {spec_.client_id_param, credentials_.id},
      {"redirect_uri", redirect_uri_},
      {"response_type", "code"},
      {"scope", join(for_login ? spec_.login_scopes : spec_.connect_scopes, spec_.scope_separator)},
      {"state", state}};
  if (spec_.pkce && !challenge.empty()) {
    q.emplace_back("code_challenge", challenge);
    q.emplace_back("code_challenge_method", "S256");  // TikTok's hex variant is also announced as S256
  }
  if (!for_login)  // offline access (a refresh token) only for connections; a sign-in needs none
    for (const auto& p : spec_.extra_authorize_params) q.push_back(p);
  return url(spec_.authorize_url) + "?" + form_urlencode(q);
}

Result<TokenSet> OAuthClient::token_request(const std::string& method, const std::string& target,
                                            std::vector<std::pair<std::string, std::string>> params, UnixSeconds now) const {
  FetchRequest req;
  req.method = method;
  req.timeout_ms = timeout_ms_;
  if (spec_.client_auth == ClientAuth::basic_header)
    req.headers["Authorization"] = "Basic " + base64_standard(credentials_.id + ":" + credentials_.secret);
  if (method == "GET") {
    req.url = target + (target.find('?') == std::string::npos ? "?" : "&") + form_urlencode(params);
  } else {
    req.url = target;
    req.body = form_urlencode(params);
  }
  auto reply = fetch(req);
  if (!reply) return reply.error();
  return parse_token_answer(spec_.name, reply->status, reply->body, now);
}

Result<TokenSet> OAuthClient::exchange_code(const std::string& code, const std::string& verifier, UnixSeconds now) const {
  if (code.empty() || code.size() > 2048) return make_error("bad_request", "the authorization code is missing or too long");
  std::vector<std::pair<std::string, std::string>> p = {{"grant_type", "authorization_code"},
                                                        {"code", code},
                                                        {"redirect_uri", redirect_uri_},
                                                        {spec_.client_id_param, credentials_.id}};
  if (spec_.client_auth == ClientAuth::in_body) p.emplace_back("client_secret", credentials_.secret);
  if (spec_.pkce) p.emplace_back("code_verifier", verifier);
  auto first = token_request(spec_.token_by_get ? "GET" : "POST", url(spec_.token_url), p, now);
  if (!first || spec_.long_lived_url.empty()) return first;
  // Meta: the code gives a short-lived token (1-2 hours); trade it for a long-lived one (60 days).
  Result<TokenSet> long_lived =
      spec_.id == "facebook"
          ? token_request("GET", url(spec_.long_lived_url),
                          {{"grant_type", "fb_exchange_token"}, {"client_id", credentials_.id},
                           {"client_secret", credentials_.secret}, {"fb_exchange_token", first->access_token}},
                          now)
          : token_request("GET", url(spec_.long_lived_url),
                          {{"grant_type", "ig_exchange_token"}, {"client_secret", credentials_.secret},
                           {"access_token", first->access_token}},
                          now);
  if (!long_lived) return long_lived.error();
  if (long_lived->user_id.empty()) long_lived->user_id = first->user_id;
  if (long_lived->scope.empty()) long_lived->scope = first->scope;
  return long_lived;
}

Result<TokenSet> OAuthClient::refresh(const TokenSet& current, UnixSeconds now) const {
  Result<TokenSet> fresh = make_error("reconnect_needed", "");
  if (spec_.id == "instagram") {
    fresh = token_request("GET", url(spec_.refresh_url), {{"grant_type", "ig_refresh_token"}, {"access_token", current.access_token}}, now);
  } else if (spec_.id == "facebook" || current.refresh_token.empty()) {
    return make_error("reconnect_needed", spec_.name + " gave no way to renew this access; connect the account again");
  } else {
    std::vector<std::pair<std::string, std::string>> p = {{"grant_type", "refresh_token"},
                                                          {"refresh_token", current.refresh_token},
                                                          {spec_.client_id_param, credentials_.id}};
    if (spec_.client_auth == ClientAuth::in_body) p.emplace_back("client_secret", credentials_.secret);
    fresh = token_request("POST", url(spec_.token_url), p, now);
  }
  if (!fresh) {
    if (fresh.error().code == "provider_refused")
      return make_error("reconnect_needed", fresh.error().message + "; connect the account again");
    return fresh;
  }
  if (fresh->refresh_token.empty()) {
    fresh->refresh_token = current.refresh_token;
    fresh->refresh_expires_at = current.refresh_expires_at;
  }
  if (fresh->scope.empty()) fresh->scope = current.scope;
  if (fresh->user_id.empty()) fresh->user_id = current.user_id;
  return fresh;
}

Result<bool> OAuthClient::revoke(const TokenSet& tokens) const {
  if (spec_.revoke_url.empty()) return false;
  FetchRequest req;
  req.timeout_ms = timeout_ms_;
  const std::string& token = tokens.refresh_token.empty() ? tokens.access_token : tokens.refresh_token;
  if (spec_.id == "facebook") {
    req.method = "DELETE";
    req.url = url(spec_.revoke_url) + "?" + form_urlencode({{"access_token", tokens.access_token}});
  } else {
    req.method = "POST";
    req.url = url(spec_.revoke_url);
    std::vector<std::pair<std::string, std::string>> p = {{"token", spec_.id == "tiktok" ? tokens.access_token : token}};
    if (spec_.id == "x") {
      p.emplace_back("client_id", credentials_.id);
      p.emplace_back("token_type_hint", tokens.refresh_token.empty() ? "access_token" : "refresh_token");
      req.headers["Authorization"] = "Basic " + base64_standard(credentials_.id + ":" + credentials_.secret);
    } else if (spec_.id == "tiktok") {
      p.emplace_back("client_key", credentials_.id);
      p.emplace_back("client_secret", credentials_.secret);
    }
    req.body = form_urlencode(p);
  }
  auto reply = fetch(req);
  if (!reply) return reply.error();
  // Google answers 400 invalid_token for a grant that is already gone: the goal is reached.
  if (reply->status == 200 || (reply->status == 400 && reply->body.find("invalid_token") != std::string::npos)) return true;
  return make_error("provider_refused", spec_.name + " refused to revoke: " + provider_refusal(reply->body) + " (HTTP " +
                                           std::to_string(reply->status) + ")");
}

Result<std::string> OAuthClient::get_body(const std::string& target, const std::string& bearer) const {
  FetchRequest req;
  req.timeout_ms = timeout_ms_;
  req.url = target;
  req.headers["Authorization"] = "Bearer " + bearer;
  auto reply = fetch(req);
  if (!reply) return reply.error();
  if (reply->status != 200)
    return make_error("provider_refused", spec_.name + " refused the token: " + provider_refusal(reply->body));
  return reply->body;
}

Result<Identity> OAuthClient::identity(const std::string& access_token) const {
  auto body = get_body(url(spec_.identity_url), access_token);
  if (!body) return body.error();
  return parse_identity(spec_.id, spec_.name, *body);
}

Result<std::vector<FacebookPage>> OAuthClient::managed_pages(const std::string& user_token) const {
  if (spec_.id != "facebook") return make_error("bad_request", "only Facebook connections manage Pages");
  const std::string graph = spec_.token_url.substr(0, spec_.token_url.find("/oauth/"));  // https://graph.facebook.com/vNN.N
  std::string next = graph + "/me/accounts?fields=id,name,access_token&limit=100";
  std::vector<FacebookPage> pages;
  for (int round = 0; round < 20 && !next.empty(); ++round) {  // 2,000 Pages is far more than anyone manages
    auto body = get_body(url(next), user_token);
    if (!body) return body.error();
    auto page = parse_page_list(*body);
    if (!page) return page.error();
    for (auto& p : page->pages) pages.push_back(std::move(p));
    // Only a next page on the Graph host itself is followed: the token must not go anywhere else.
    next = page->next.rfind("https://graph.facebook.com/", 0) == 0 ? page->next : "";
  }
  return pages;
}

}  // namespace tirage::server
