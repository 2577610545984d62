// Where an import gets the organizer's access token for a platform. The OAuth
// connection store implements it (refreshing tokens before they expire); tests
// hand a token directly. Tokens never go into logs, URLs or the database here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::server {

class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // A live access token for reading post_id on platform as the organizer; 'not_connected' when there is
  // no connection. (Facebook Page posts, "{page_id}_{post_id}", need that Page's own token; "{page_id}_"
  // alone asks for that Page's token to list its posts.)
  virtual Result<std::string> access_token(const std::string& organizer_id, std::string_view platform,
                                           const std::string& post_id) = 0;
  // The platform rejected token as expired or revoked: the next access_token() should refresh it
  // (or fail). The default does nothing, for sources that cannot refresh.
  virtual void token_rejected(const std::string& organizer_id, std::string_view platform, const std::string& token) {
    (void)organizer_id, (void)platform, (void)token;
  }
  // The ids of the Facebook Pages the organizer's connection manages (to look for a post among each
  // Page's own posts); empty for sources with one token for everything.
  virtual std::vector<std::string> facebook_page_ids(const std::string& organizer_id) {
    (void)organizer_id;
    return {};
  }
};

// The same token for every organizer and platform: tests and the --sandbox server.
class FixedTokenSource : public TokenSource {
 public:
  explicit FixedTokenSource(std::string token) : token_(std::move(token)) {}
  Result<std::string> access_token(const std::string&, std::string_view, const std::string&) override { return token_; }

 private:
  std::string token_;
};

}  // namespace tirage::server
