#include "shared/protocol/beacon.hpp"

#include "shared/crypto/bls_drand.hpp"
#include "shared/crypto/sha256.hpp"

namespace tirage {

namespace {
Result<std::string> string_field(const Json& obj, const char* field, const char* where) {
  if (!obj.contains(field) || !obj[field].is_string())
    return make_error("bad_beacon", std::string(where) + " field \"" + field + "\" must be a string");
  return obj[field].get<std::string>();
}

Result<Hash> hash_field(const Json& obj, const char* field, const char* where) {
  auto s = string_field(obj, field, where);
  if (!s) return s.error();
  auto h = hash_from_hex(*s);
  if (!h) return make_error("bad_beacon", std::string(where) + " field \"" + field + "\": " + h.error().message);
  return *h;
}
}  // namespace

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
  if (!info.is_object()) return bad("must be a JSON object");
  DrandChain c;
  for (auto [field, dest] : {std::pair{"hash", &c.chain_hash}, {"public_key", &c.public_key},
                             {"groupHash", &c.group_hash}, {"schemeID", &c.scheme}}) {
    if (!info.contains(field) || !info[field].is_string()) return bad(std::string("\"") + field + "\" must be a string");
    *dest = info[field].get<std::string>();
  }
  for (auto [field, dest] : {std::pair{"period", &c.period}, {"genesis_time", &c.genesis_time}}) {
    if (!info.contains(field) || !info[field].is_number_integer())
      return bad(std::string("\"") + field + "\" must be an integer");
    *dest = info[field].get<UnixSeconds>();
  }
  if (info.contains("metadata")) {
    const Json& m = info["metadata"];
    if (!m.is_object() || (m.contains("beaconID") && !m["beaconID"].is_string()))
      return bad("\"metadata.beaconID\" must be a string");
    c.beacon_id = m.value("beaconID", "");
  }
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
  if (b["source"] != "drand") return make_error("bad_beacon", "the beacon is not a drand round");
  const std::string hash = b["chain_hash"].get<std::string>();
  auto chain = known_drand_chain(hash, trusted);
  if (!chain) return make_error("unknown_chain", "drand chain " + hash + " is not one this verifier knows the public key of");
  auto sig_hex = string_field(b, "signature", "result beacon");
  if (!sig_hex) return sig_hex.error();
  auto sig = from_hex(*sig_hex);
  if (!sig) return make_error("bad_beacon", "result beacon field \"signature\" must be hex");
  const auto round = b["round"].get<std::uint64_t>();
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
  if (!b.is_object()) return make_error("bad_beacon", "commitment field \"beacon\" must be an object");
  auto source = string_field(b, "source", "beacon");
  if (!source) return source.error();
  if (*source == "drand") {
    if (auto h = hash_field(b, "chain_hash", "beacon"); !h) return h.error();
    if (!b.contains("round") || !b["round"].is_number_unsigned() || b["round"].get<std::uint64_t>() < 1)
      return make_error("bad_beacon", "beacon field \"round\" must be a positive integer");
    return {};
  }
  if (*source == "local") {
    if (auto h = hash_field(b, "commit", "beacon"); !h) return h.error();
    auto at = string_field(b, "reveal_at", "beacon");
    if (!at) return at.error();
    if (auto t = parse_rfc3339(*at); !t) return make_error("bad_beacon", "beacon field \"reveal_at\": " + t.error().message);
    return {};
  }
  return make_error("bad_beacon", "beacon source \"" + source->substr(0, 40) + "\" is not drand or local");
}

Result<UnixSeconds> beacon_publication_time(const Json& b, std::span<const DrandChain> trusted) {
  if (auto ok = check_committed_beacon(b); !ok) return ok.error();
  if (b["source"] == "local") return parse_rfc3339(b["reveal_at"].get<std::string>());
  auto chain = known_drand_chain(b["chain_hash"].get<std::string>(), trusted);
  if (!chain)
    return make_error("unknown_chain", "drand chain " + b["chain_hash"].get<std::string>() + " is not known");
  return drand_round_time(*chain, b["round"].get<std::uint64_t>());
}

Result<Bytes> beacon_value(const Json& committed, const Json& result) {
  if (auto ok = check_committed_beacon(committed); !ok) return ok.error();
  if (!result.is_object()) return make_error("bad_beacon", "result field \"beacon\" must be an object");
  // Every committed field must reappear unchanged in the result's beacon.
  for (auto it = committed.begin(); it != committed.end(); ++it)
    if (!result.contains(it.key()) || result[it.key()] != it.value())
      return make_error("beacon_mismatch", "result beacon field \"" + it.key() + "\" differs from the commitment's");
  if (committed["source"] == "drand") {
    auto randomness = hash_field(result, "randomness", "result beacon");
    if (!randomness) return randomness.error();
    auto sig_hex = string_field(result, "signature", "result beacon");
    if (!sig_hex) return sig_hex.error();
    auto sig = from_hex(*sig_hex);
    if (!sig || sig->empty())
      return make_error("bad_beacon", "result beacon field \"signature\" must be non-empty hex");
    if (sha256(*sig) != *randomness)
      return make_error("beacon_mismatch", "drand randomness is not H(signature)");
    return Bytes(randomness->begin(), randomness->end());
  }
  auto secret = hash_field(result, "secret", "result beacon");
  if (!secret) return secret.error();
  auto commit = hash_from_hex(committed["commit"].get<std::string>());
  if (local_beacon_commit(*secret) != *commit)
    return make_error("beacon_mismatch", "local beacon secret does not match its commit");
  return Bytes(secret->begin(), secret->end());
}

}  // namespace tirage
