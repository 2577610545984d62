// Where the import clients send their requests and how patiently they wait.
// Production defaults are the platforms' real hosts; only --sandbox (with
// optional --platform-url NAME=URL) points them at the fakes in tests/fakes/.
#pragma once

#include <string>

#include "server/imports/comment_retention.hpp"
#include "shared/core/result.hpp"
#include "shared/platforms/platform.hpp"

namespace tirage::server {

struct ImportConfig {
  bool sandbox = false;
  std::string sandbox_token;  // --sandbox only: one token for every import instead of the connections' own
  std::string instagram_url = "https://graph.instagram.com";
  std::string facebook_url = "https://graph.facebook.com";
  std::string youtube_url = "https://www.googleapis.com";
  std::string x_url = "https://api.x.com";
  std::string tiktok_url = "https://open.tiktokapis.com";
  std::string graph_version = "v23.0";
  int backoff_ms = 1000;          // first retry after a transient failure; doubles each attempt
  int max_attempts = 8;           // transient failures in a row before the import stops (resumable)
  long long wait_cap_ms = 24LL * 3600 * 1000;  // longest pause honoured; tests shorten it
  int timeout_ms = 20000;         // per request
  int page_size = 0;              // 0: each platform's own default (Instagram 25)
  // X imports with collect_until search again this often; below 7 days so that no reply falls out of
  // recent search's window between two passes.
  long long x_collect_interval_s = 6 * 3600;
  static constexpr long long kMaxCollectAheadS = 60LL * 24 * 3600;  // collect_until at most 60 days ahead
  CommentRetention retention;  // when imported comments are deleted
  static constexpr long long kMaxRetentionS = 400LL * 24 * 3600;  // no setting keeps comments longer

  // The base URL of a platform's API.
  const std::string& base_url(Platform p) const;
  std::string& base_url(Platform p);
};

// Handles one import flag at argv position i (advancing i past its value).
// Returns false when flag is not an import flag; errors name the flag.
Result<bool> parse_import_flag(ImportConfig& c, const std::string& flag, int argc, char** argv, int& i);

// Reads the import settings that have environment variables (TIRAGE_IMPORT_RETENTION_SECONDS,
// TIRAGE_IMPORT_UNUSED_RETENTION_SECONDS), before the flags; errors name the variable.
Status read_import_env(ImportConfig& c);

// Checks and applies --sandbox after all flags are read (fake hosts, no real ones).
Status finish_import_config(ImportConfig& c);

// The help lines of the import flags.
std::string import_config_help();

}  // namespace tirage::server
