#include "shared/protocol/beacon.hpp"

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
      "bls-unchained-g1-rfc9380"};
  return kQuicknet;
}

std::optional<DrandChain> known_drand_chain(std::string_view chain_hash) {
  if (chain_hash == drand_quicknet().chain_hash) return drand_quicknet();
  return std::nullopt;
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

Result<UnixSeconds> beacon_publication_time(const Json& b) {
  if (auto ok = check_committed_beacon(b); !ok) return ok.error();
  if (b["source"] == "local") return parse_rfc3339(b["reveal_at"].get<std::string>());
  auto chain = known_drand_chain(b["chain_hash"].get<std::string>());
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
