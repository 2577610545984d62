// The import clients' tokens from the organizer's OAuth connections
// (server/oauth/connections): renewed before expiry, and renewed early when a
// platform refuses one. Facebook Page posts are read with that Page's token.
#pragma once

#include <functional>

#include "server/imports/token_source.hpp"
#include "server/oauth/connections.hpp"

namespace tirage::server {

class ConnectionsTokenSource : public TokenSource {
 public:
  // connections() is asked on each call: the App opens its OAuth service after the import service.
  explicit ConnectionsTokenSource(std::function<Connections*()> connections) : connections_(std::move(connections)) {}
  Result<std::string> access_token(const std::string& organizer_id, std::string_view platform,
                                   const std::string& post_id) override;
  void token_rejected(const std::string& organizer_id, std::string_view platform, const std::string& token) override;
  std::vector<std::string> facebook_page_ids(const std::string& organizer_id) override;

 private:
  std::function<Connections*()> connections_;
};

}  // namespace tirage::server
