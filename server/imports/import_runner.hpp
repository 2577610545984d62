// One step of an import: one request to the platform (the post's comment
// count, a page of comments, or a page of one thread's replies), then what its
// answer means saved in the store: the page and the next cursor, a pause
// (usage headers, throttling codes, 429), a retry with backoff, or a stop that
// says plainly why (token expired, quota exhausted, post not found).
#pragma once

#include <map>

#include "server/imports/import_config.hpp"
#include "server/imports/import_store.hpp"
#include "server/imports/platform_http.hpp"
#include "server/imports/token_source.hpp"

namespace tirage::server {

class ImportRunner {
 public:
  ImportRunner(ImportStore& store, TokenSource& tokens, PlatformHttp& http, const ImportConfig& config)
      : store_(store), tokens_(tokens), http_(http), config_(config) {}

  // Runs one request of a running job and records the outcome, or starts the next pass of a watching
  // job whose time has come; errors are only storage errors.
  Status step(const ImportJob& job, std::int64_t now_ms);

 private:
  Status finish(const ImportJob& job, std::int64_t now_ms);
  Status begin_pass(const ImportJob& job, std::int64_t now_ms);
  Status retry(const ImportJob& job, std::int64_t wait_ms, const std::string& note, const std::string& why,
               bool counts_as_attempt, std::int64_t network_us, std::int64_t now_ms);
  std::int64_t capped(std::int64_t wait_ms) const;

  ImportStore& store_;
  TokenSource& tokens_;
  PlatformHttp& http_;
  const ImportConfig& config_;
  std::map<std::string, std::int64_t> save_carry_us_;  // per job: the last commit's time, not yet counted
};

}  // namespace tirage::server
