#include "shared/protocol/beacon.hpp"

#include "shared/crypto/bls_drand.hpp"
#include "shared/crypto/sha256.hpp"
#include "shared/protocol/protocol_fields.hpp"

namespace tirage {


const DrandChain& drand_quicknet() {
  static const DrandChain kQuicknet{
      "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971", 1692803367, 3,
      "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec"
      "758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
      std::string(kDrandBlsScheme), "f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e", "quicknet"};
  return kQuicknet;
}

Result<Hash> drand_chain_hash(const DrandChain& c) {
  auto key = from_hex(c.public_key);
  if (!key || key->empty()) return make_error("bad_drand_chain", "drand chain \"public_key\" must be non-empty hex");
  auto group = hash_from_hex(c.group_hash);
  if (!group) return make_error("bad_drand_chain", "drand chain \"groupHash\": " + group.error().message);
  if (c.period <= 0 || c.period > 0xffffffffLL)
    return make_error("bad_drand_chain", "drand chain \"period\" must be a positive 32-bit number of seconds");
  std::uint8_t be[12];
  const auto period = static_cast<std::uint32_t>(c.period);
  const auto genesis = static_cast<std::uint64_t>(c.genesis_time);
  for (int i = 0; i < 4; ++i) be[i] = static_cast<std::uint8_t>(period >> (24 - 8 * i));
  for (int i = 0; i < 8; ++i) be[4 + i] = static_cast<std::uint8_t>(genesis >> (56 - 8 * i));
  Sha256 h;
  h.update(std::span<const std::uint8_t>(be, 12)).update(*key).update(*group);
  if (!c.beacon_id.empty() && c.beacon_id != "default") h.update(c.beacon_id);
  return h.finish();
}

Result<DrandChain> drand_chain_from_info(const Json& info) {
  auto bad = [](std::string m) { return make_error("bad_drand_chain", "drand chain info: " + std::move(m)); };
  // drand's own format: other members (later additions) are kept out of the hash and ignored.
  StrictJsonReader in("bad_drand_chain", "drand chain info: ");
  JsonFields o = in.object(info, "");
  DrandChain c;
  c.chain_hash = o.string("hash");
  c.public_key = o.string("public_key");
  c.group_hash = o.string("groupHash");
  c.scheme = o.string("schemeID");
  c.period = o.integer("period");
  c.genesis_time = o.integer("genesis_time");
  if (auto m = o.optional_object("metadata")) c.beacon_id = m->optional_string("beaconID").value_or("");
  if (in.failed()) return in.error();
  if (c.scheme != kDrandBlsScheme)
    return bad("scheme \"" + c.scheme.substr(0, 40) + "\" is not " + std::string(kDrandBlsScheme) +
               ", the one this verifier checks");
  if (auto key = from_hex(c.public_key); !key || key->size() != kDrandPublicKeySize)
    return bad("\"public_key\" must be 96 bytes of hex (a compressed G2 point)");
  auto claimed = hash_from_hex(c.chain_hash);
  if (!claimed) return bad("\"hash\": " + claimed.error().message);
  auto computed = drand_chain_hash(c);
  if (!computed) return computed.error();
  if (*computed != *claimed)
    return bad("\"hash\" is " + c.chain_hash + " but the chain's fields hash to " + to_hex(*computed));
  c.chain_hash = to_hex(*computed);  // lower case, as commitments name it
  return c;
}

Json drand_chain_info(const DrandChain& c) {
  return Json{{"public_key", c.public_key}, {"period", c.period},       {"genesis_time", c.genesis_time},
              {"hash", c.chain_hash},       {"groupHash", c.group_hash}, {"schemeID", c.scheme},
              {"metadata", Json{{"beaconID", c.beacon_id}}}};
}

std::optional<DrandChain> known_drand_chain(std::string_view chain_hash, std::span<const DrandChain> trusted) {
  if (chain_hash == drand_quicknet().chain_hash) return drand_quicknet();
  for (const auto& c : trusted)
    if (chain_hash == c.chain_hash) return c;
  return std::nullopt;
}

Status verify_drand_signature(const DrandChain& chain, std::uint64_t round, std::span<const std::uint8_t> signature) {
  if (chain.scheme != kDrandBlsScheme)
    return make_error("bad_drand_chain", "drand chain " + chain.chain_hash + " uses scheme \"" + chain.scheme.substr(0, 40) +
                                             "\", not " + std::string(kDrandBlsScheme));
  auto key = from_hex(chain.public_key);
  if (!key) return make_error("bad_drand_chain", "drand chain " + chain.chain_hash + ": public key is not hex");
  return bls_verify_drand_round(*key, round, signature);
}

Status check_drand_beacon_signature(const Json& b, std::span<const DrandChain> trusted) {
  if (auto ok = check_committed_beacon(b); !ok) return ok.error();
  StrictJsonReader in("bad_beacon");
  JsonFields o = in.object(b, "result.beacon");
  if (o.string("source") != "drand") return make_error("bad_beacon", "the beacon is not a drand round");
  const std::string hash = o.string("chain_hash");
  const auto round = o.uint("round");
  auto chain = known_drand_chain(hash, trusted);
  if (!chain) return make_error("unknown_chain", "drand chain " + hash + " is not one this verifier knows the public key of");
  const std::string sig_hex = o.string("signature");
  if (in.failed()) return in.error();
  auto sig = from_hex(sig_hex);
  if (!sig) return make_error("bad_beacon", "result.beacon.signature: " + sig.error().message);
  if (auto ok = verify_drand_signature(*chain, round, *sig); !ok)
    return make_error(ok.error().code, "drand chain " + (chain->beacon_id.empty() ? hash.substr(0, 16) : chain->beacon_id) +
                                           ", round " + std::to_string(round) + ": " + ok.error().message +
                                           "; this is not drand's random value");
  return {};
}

UnixSeconds drand_round_time(const DrandChain& chain, std::uint64_t round) {
  return chain.genesis_time + static_cast<UnixSeconds>(round - 1) * chain.period;
}

std::uint64_t drand_round_at_or_after(const DrandChain& chain, UnixSeconds t) {
  if (t <= chain.genesis_time) return 1;
  return static_cast<std::uint64_t>((t - chain.genesis_time + chain.period - 1) / chain.period) + 1;
}

Hash local_beacon_commit(std::span<const std::uint8_t> secret) {
  return Sha256().update(std::string_view("tirage/local-beacon/v1")).update_byte(0).update(secret).finish();
}

Status check_committed_beacon(const Json& b) {
  // A beacon MAY carry other fields (docs/protocol.md section 4): they are kept, not refused.
  StrictJsonReader in("bad_beacon");
  JsonFields o = in.object(b, "commitment.beacon");
  const std::string source = o.string("source");
  if (in.failed()) return in.error();
  if (source == "drand") {
    read_hash(o, "chain_hash");
    if (o.uint("round") < 1 && o.ok()) o.fail("round", "got integer 0, wanted positive integer");
    return in.status();
  }
  if (source == "local") {
    read_hash(o, "commit");
    read_time(o, "reveal_at");
    return in.status();
  }
  return make_error("bad_beacon", "commitment.beacon.source: got " + describe_json(Json(source)) +
                                      ", wanted \"drand\" or \"local\"");
}

Result<UnixSeconds> beacon_publication_time(const Json& b, std::span<const DrandChain> trusted) {
  if (auto ok = check_committed_beacon(b); !ok) return ok.error();
  StrictJsonReader in("bad_beacon");
  JsonFields o = in.object(b, "commitment.beacon");
  if (o.string("source") == "local") return read_time(o, "reveal_at");
  const std::string hash = o.string("chain_hash");
  const std::uint64_t round = o.uint("round");
  auto chain = known_drand_chain(hash, trusted);
  if (!chain) return make_error("unknown_chain", "drand chain " + hash + " is not known");
  return drand_round_time(*chain, round);
}

Result<Bytes> beacon_value(const Json& committed, const Json& result) {
  if (auto ok = check_committed_beacon(committed); !ok) return ok.error();
  if (!result.is_object()) return make_error("bad_beacon", "result.beacon: got " + describe_json(result) + ", wanted object");
  // Every committed field must reappear unchanged in the result's beacon.
  for (auto it = committed.begin(); it != committed.end(); ++it) {
    auto same = result.find(it.key());
    if (same == result.end() || *same != it.value())
      return make_error("beacon_mismatch", "result beacon field \"" + it.key() + "\" differs from the commitment's");
  }
  StrictJsonReader in("bad_beacon");
  JsonFields o = in.object(result, "result.beacon");
  if (*committed.find("source") == "drand") {
    const Hash randomness = read_hash(o, "randomness");
    const std::string sig_hex = o.string("signature");
    if (in.failed()) return in.error();
    auto sig = from_hex(sig_hex);
    if (!sig || sig->empty())
      return make_error("bad_beacon", "result.beacon.signature: got " + describe_json(Json(sig_hex)) + ", wanted non-empty hex");
    if (sha256(*sig) != randomness)
      return make_error("beacon_mismatch", "drand randomness is not H(signature)");
    return Bytes(randomness.begin(), randomness.end());
  }
  const Hash secret = read_hash(o, "secret");
  if (in.failed()) return in.error();
  auto commit = hash_from_hex(*committed.find("commit")->get_ptr<const std::string*>());
  if (!commit || local_beacon_commit(secret) != *commit)
    return make_error("beacon_mismatch", "local beacon secret does not match its commit");
  return Bytes(secret.begin(), secret.end());
}

}  // namespace tirage
