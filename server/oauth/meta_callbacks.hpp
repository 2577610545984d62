// Meta's signed callbacks (data deletion, deauthorize) remembered by the hash
// of their signed_request, so a replay of one we already carried out changes
// nothing and gets the first answer again (the same confirmation code). Only
// requests younger than kSignedRequestMaxAge are accepted at all, so rows
// older than that are forgotten.
#pragma once

#include <functional>
#include <string>

#include "server/db/database.hpp"
#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

class MetaCallbacks {
 public:
  explicit MetaCallbacks(Database& db) : db_(db) {}
  // The answer to signed_request: the one given before if it was already carried out, else run()'s
  // (kept when it succeeds). Runs under the database lock, so two copies arriving together act once.
  Result<Json> once(const std::string& signed_request, const std::string& provider, const std::string& kind, UnixSeconds now,
                    const std::function<Result<Json>()>& run);

 private:
  Database& db_;
};

}  // namespace tirage::server
