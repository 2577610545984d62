#include "server/beacon/drand_client.hpp"

#include <httplib.h>

#include "server/http/worker_pool.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage::server {

namespace {
constexpr std::size_t kMaxBody = 64 * 1024;  // drand answers are a few hundred bytes
constexpr int kPasses = 2;                    // every relay is tried twice before giving up
}  // namespace

Result<std::string> DrandClient::fetch(const std::string& path) const {
  if (relays_.empty()) return make_error("beacon_unavailable", "no drand relay is configured");
  OutsideCall waiting;  // on a request thread, another takes its place meanwhile
  std::string failures;
  bool saw_not_found = false;
  for (int pass = 0; pass < kPasses; ++pass) {
    for (const auto& relay : relays_) {
      httplib::Client client(relay);
      const time_t sec = timeout_ms_ / 1000, usec = (timeout_ms_ % 1000) * 1000;
      client.set_connection_timeout(sec, usec);
      client.set_read_timeout(sec, usec);
      client.set_write_timeout(sec, usec);
      std::string body;
      bool too_big = false;
      auto res = client.Get(path.c_str(), [&](const char* data, size_t len) {
        if (body.size() + len > kMaxBody) {
          too_big = true;
          return false;
        }
        body.append(data, len);
        return true;
      });
      if (too_big) {
        failures += relay + ": answer too large; ";
      } else if (!res) {
        failures += relay + ": " + httplib::to_string(res.error()) + "; ";
      } else if (res->status == 200) {
        return body;
      } else {
        saw_not_found = saw_not_found || res->status == 404 || res->status == 425;
        failures += relay + ": HTTP " + std::to_string(res->status) + "; ";
      }
    }
  }
  return make_error(saw_not_found ? "not_yet" : "beacon_unavailable", "drand relays failed: " + failures);
}

Result<DrandChain> DrandClient::chain_info(const std::string& chain_hash) const {
  auto body = fetch("/" + chain_hash + "/info");
  if (!body) return body.error();
  auto j = parse_json(*body);
  if (!j || !j->is_object()) return make_error("bad_beacon", "drand chain info is not a JSON object");
  DrandChain c;
  try {
    c.chain_hash = j->at("hash").get<std::string>();
    c.public_key = j->at("public_key").get<std::string>();
    c.genesis_time = j->at("genesis_time").get<UnixSeconds>();
    c.period = j->at("period").get<UnixSeconds>();
    c.scheme = j->value("schemeID", "");
  } catch (const nlohmann::json::exception& e) {
    return make_error("bad_beacon", std::string("drand chain info: ") + e.what());
  }
  if (c.chain_hash != chain_hash) return make_error("bad_beacon", "drand relay described chain " + c.chain_hash);
  if (c.period <= 0) return make_error("bad_beacon", "drand chain info has a non-positive period");
  return c;
}

Result<DrandRound> DrandClient::round(const std::string& chain_hash, std::uint64_t number) const {
  // One fetch per round at a time: every reader of a draw whose beacon is due
  // waits for the same answer instead of asking the relays again.
  const std::string key = chain_hash + "/" + std::to_string(number);
  std::shared_ptr<PendingRound> pending;
  bool leader = false;
  {
    std::lock_guard lock(pending_mu_);
    auto& slot = pending_[key];
    if (!slot) {
      slot = std::make_shared<PendingRound>();
      leader = true;
    }
    pending = slot;
  }
  if (leader) {
    auto r = fetch_round(chain_hash, number);
    std::lock_guard lock(pending_mu_);
    pending->result = r;
    pending_.erase(key);
    pending->done.notify_all();
    return r;
  }
  OutsideCall waiting;
  std::unique_lock lock(pending_mu_);
  pending->done.wait(lock, [&] { return pending->result.has_value(); });
  return *pending->result;
}

Result<DrandRound> DrandClient::fetch_round(const std::string& chain_hash, std::uint64_t number) const {
  auto body = fetch("/" + chain_hash + "/public/" + std::to_string(number));
  if (!body) return body.error();
  auto j = parse_json(*body);
  if (!j || !j->is_object()) return make_error("bad_beacon", "drand round is not a JSON object");
  DrandRound r;
  try {
    r.round = j->at("round").get<std::uint64_t>();
    r.randomness = j->at("randomness").get<std::string>();
    r.signature = j->at("signature").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    return make_error("bad_beacon", std::string("drand round: ") + e.what());
  }
  if (r.round != number)
    return make_error("bad_beacon", "asked drand for round " + std::to_string(number) + ", got " + std::to_string(r.round));
  auto sig = from_hex(r.signature);
  auto randomness = hash_from_hex(r.randomness);
  if (!sig || sig->empty() || !randomness) return make_error("bad_beacon", "drand round has malformed hex");
  if (sha256(*sig) != *randomness) return make_error("bad_beacon", "drand round's randomness is not H(signature)");
  return r;
}

}  // namespace tirage::server
