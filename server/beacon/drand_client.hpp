// drand's HTTP API: chain info and rounds, from several relays tried in turn,
// with timeouts and retries. Every round is checked (randomness = H(signature),
// the round number asked for) before it is returned.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "shared/protocol/beacon.hpp"

namespace tirage::server {

struct DrandRound {
  std::uint64_t round = 0;
  std::string randomness, signature;  // hex
};

class DrandClient {
 public:
  DrandClient(std::vector<std::string> relay_urls, int timeout_ms)
      : relays_(std::move(relay_urls)), timeout_ms_(timeout_ms) {}

  // GET /{chain_hash}/info; checks it describes the chain asked for.
  Result<DrandChain> chain_info(const std::string& chain_hash) const;
  // GET /{chain_hash}/public/{round}; 'not_yet' when no relay has it yet. Callers asking for a
  // round already being fetched wait for that fetch's answer.
  Result<DrandRound> round(const std::string& chain_hash, std::uint64_t round) const;

 private:
  // The body of GET path from the first relay that answers 200; errors list each relay's failure.
  Result<std::string> fetch(const std::string& path) const;
  Result<DrandRound> fetch_round(const std::string& chain_hash, std::uint64_t round) const;

  struct PendingRound {
    std::condition_variable done;
    std::optional<Result<DrandRound>> result;
  };
  mutable std::mutex pending_mu_;
  mutable std::map<std::string, std::shared_ptr<PendingRound>> pending_;  // rounds being fetched, by chain/round

  std::vector<std::string> relays_;
  int timeout_ms_;
};

}  // namespace tirage::server
