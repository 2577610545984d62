#include "server/beacon/drand_client.hpp"

#include <httplib.h>

#include <set>

#include "server/http/worker_pool.hpp"
#include "server/log/event_log.hpp"
#include "shared/crypto/sha256.hpp"
#include "shared/protocol/json_reader.hpp"

namespace tirage::server {

namespace {
constexpr std::size_t kMaxBody = 64 * 1024;  // drand answers are a few hundred bytes
constexpr int kPasses = 2;                    // every relay is tried twice before giving up

// One relay's round answer, checked against the pinned chain.
Result<DrandRound> check_round(const DrandChain& chain, std::uint64_t number, const std::string& body) {
  auto j = parse_json(body);
  if (!j || !j->is_object()) return make_error("bad_beacon", "the round is not a JSON object");
  // A relay's page: other members (previous_signature, ...) are drand's to add.
  StrictJsonReader in("bad_beacon", "the round: ");
  JsonFields round = in.object(*j, "");
  DrandRound r;
  r.round = round.uint("round");
  r.randomness = round.string("randomness", 1024);
  r.signature = round.string("signature", 1024);
  if (in.failed()) return in.error();
  if (r.round != number) return make_error("bad_beacon", "it answered round " + std::to_string(r.round));
  auto sig = from_hex(r.signature);
  auto randomness = hash_from_hex(r.randomness);
  if (!sig || sig->empty() || !randomness) return make_error("bad_beacon", "the round has malformed hex");
  if (sha256(*sig) != *randomness) return make_error("bad_beacon", "the round's randomness is not H(signature)");
  if (auto ok = verify_drand_signature(chain, number, *sig); !ok)
    return make_error("bad_beacon", "the round's signature is not drand's: " + ok.error().message);
  return r;
}
}  // namespace

Status DrandClient::fetch(const std::string& path,
                          const std::function<Status(const std::string&, const std::string&)>& accept) const {
  if (relays_.empty()) return make_error("beacon_unavailable", "no drand relay is configured");
  OutsideCall waiting;  // on a request thread, another takes its place meanwhile
  std::string failures;
  bool saw_not_found = false, saw_refused = false;
  std::set<std::string> refused;  // a relay whose answer failed the checks is not asked again in this call
  for (int pass = 0; pass < kPasses; ++pass) {
    for (const auto& relay : relays_) {
      if (refused.count(relay)) continue;
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
        auto ok = accept(relay, body);
        if (ok) return {};
        refused.insert(relay);
        saw_refused = true;
        failures += relay + ": refused: " + ok.error().message + "; ";
      } else {
        saw_not_found = saw_not_found || res->status == 404 || res->status == 425;
        failures += relay + ": HTTP " + std::to_string(res->status) + "; ";
      }
    }
  }
  // A relay that has not published the round yet may still give the real one
  // later; relays that only gave refused answers are an error of their own.
  return make_error(saw_not_found ? "not_yet" : saw_refused ? "bad_beacon" : "beacon_unavailable",
                    "drand relays failed: " + failures);
}

Status DrandClient::probe() const {
  return fetch("/" + chain_.chain_hash + "/info", [&](const std::string&, const std::string& body) -> Status {
    auto j = parse_json(body);
    if (!j) return make_error("bad_beacon", "its chain info is not JSON");
    auto info = drand_chain_from_info(*j);
    if (!info) return info.error();
    if (info->chain_hash != chain_.chain_hash || info->public_key != chain_.public_key)
      return make_error("bad_beacon", "it describes another chain than the pinned one");
    return {};
  });
}

Result<DrandRound> DrandClient::round(const std::string& chain_hash, std::uint64_t number) const {
  if (chain_hash != chain_.chain_hash)
    return make_error("beacon_unavailable", "the draw is committed to drand chain " + chain_hash +
                                                " but this server pins chain " + chain_.chain_hash);
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
    auto r = fetch_round(number);
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

Result<DrandRound> DrandClient::fetch_round(std::uint64_t number) const {
  DrandRound got;
  auto ok = fetch("/" + chain_.chain_hash + "/public/" + std::to_string(number),
                  [&](const std::string& relay, const std::string& body) -> Status {
                    auto r = check_round(chain_, number, body);
                    if (!r) {
                      log_event("warn", "drand_round_refused", {{"relay", relay},
                                                                {"round", number},
                                                                {"chain", chain_.chain_hash},
                                                                {"reason", r.error().message}});
                      return r.error();
                    }
                    got = std::move(*r);
                    return {};
                  });
  if (!ok) return ok.error();
  return got;
}

}  // namespace tirage::server
