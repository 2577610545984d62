// What OAuth providers answer, parsed without trusting it: token endpoint
// answers (RFC 6749 flat JSON, Instagram's {"data":[...]}), error bodies in
// each provider's shape, "who is this token" answers, and Facebook's list of
// Pages. Pure: text in, values or readable errors out (fuzzed by
// tests/fuzz/fuzz_oauth_answers.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

struct TokenSet {
  std::string access_token, refresh_token, scope;
  std::optional<UnixSeconds> access_expires_at, refresh_expires_at;
  std::string user_id;  // an id the token endpoint itself reports (Instagram user_id, TikTok open_id)
};

struct Identity {
  std::string subject;         // the provider's stable id of the person or account
  std::string app_user_id;     // the id Meta's deletion callback names (Facebook, Instagram); else subject
  std::string name;            // display name or handle
  std::string email;           // empty when not given
  bool email_verified = false;
};

struct FacebookPage {
  std::string id, name, access_token;  // the Page token is used at once, never stored
};

struct PageList {
  std::vector<FacebookPage> pages;
  std::string next;  // the paging.next URL, empty at the end
};

// The tokens in a token endpoint's answer; 'provider_refused' with the provider's own words otherwise.
Result<TokenSet> parse_token_answer(const std::string& provider_name, int status, std::string_view body, UnixSeconds now);

// What a provider said when it refused, from any of the error shapes ("an answer that is not JSON" otherwise).
std::string provider_refusal(std::string_view body);

// Who a token belongs to, from provider_id's identity answer (google, facebook, instagram, x, tiktok).
Result<Identity> parse_identity(const std::string& provider_id, const std::string& provider_name, std::string_view body);

// One page of Facebook's GET /me/accounts.
Result<PageList> parse_page_list(std::string_view body);

}  // namespace tirage
