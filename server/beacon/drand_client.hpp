// drand's HTTP API: chain info and rounds, from several relays tried in turn,
// with timeouts and retries. The client pins one chain (quicknet, or a test
// chain given by --drand-chain) and checks every round against it before
// returning it: the round number asked for, randomness = H(signature), and the
// BLS signature against the pinned public key. A relay whose answer fails is
// logged (relay and round) and the next relay tried.
#pragma once

#include <condition_variable>
#include <functional>
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
  DrandClient(DrandChain chain, std::vector<std::string> relay_urls, int timeout_ms)
      : chain_(std::move(chain)), relays_(std::move(relay_urls)), timeout_ms_(timeout_ms) {}

  // The chain this client pins; new draws commit to it.
  const DrandChain& chain() const { return chain_; }

  // GET /{chain_hash}/info; ok when a relay describes exactly the pinned chain.
  Status probe() const;

  // GET /{chain_hash}/public/{round}; the first relay's answer that holds every
  // check. 'not_yet' when no relay has it yet, 'bad_beacon' when relays only
  // served rounds that fail (never one of those). Callers asking for a round
  // already being fetched wait for that fetch's answer.
  Result<DrandRound> round(const std::string& chain_hash, std::uint64_t round) const;

 private:
  // Calls accept(relay, body) on each relay's 200 answer to GET path until one
  // is accepted; errors list each relay's failure.
  Status fetch(const std::string& path, const std::function<Status(const std::string&, const std::string&)>& accept) const;
  Result<DrandRound> fetch_round(std::uint64_t round) const;

  struct PendingRound {
    std::condition_variable done;
    std::optional<Result<DrandRound>> result;
  };
  mutable std::mutex pending_mu_;
  mutable std::map<std::string, std::shared_ptr<PendingRound>> pending_;  // rounds being fetched, by chain/round

  DrandChain chain_;
  std::vector<std::string> relays_;
  int timeout_ms_;
};

}  // namespace tirage::server
