#include "shared/protocol/envelope.hpp"

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/merkle.hpp"

namespace tirage {

namespace {
bool signature_valid(const Json& env, std::string_view statement_jcs, std::span<const std::uint8_t> public_key) {
  auto sig = from_hex(env["signature"].get<std::string>());
  return sig && ed25519_verify(public_key, as_bytes(statement_jcs), *sig);
}
}  // namespace

Result<Json> sign_envelope(const Json& statement, const Ed25519Key& key) {
  auto bytes = jcs(statement);
  if (!bytes) return bytes.error();
  auto sig = ed25519_sign(key, as_bytes(*bytes));
  if (!sig) return sig.error();
  return Json{{"statement", statement}, {"key_id", key_id(key.public_key)}, {"signature", to_hex(*sig)}};
}

Status check_envelope_shape(const Json& env) {
  if (!env.is_object()) return make_error("bad_envelope", "an envelope must be a JSON object");
  for (auto it = env.begin(); it != env.end(); ++it)
    if (it.key() != "statement" && it.key() != "key_id" && it.key() != "signature")
      return make_error("bad_envelope", "envelope has an unknown field \"" + it.key().substr(0, 40) + "\"");
  if (!env.contains("statement") || !env["statement"].is_object())
    return make_error("bad_envelope", "envelope field \"statement\" must be an object");
  for (const char* f : {"key_id", "signature"}) {
    if (!env.contains(f) || !env[f].is_string())
      return make_error("bad_envelope", std::string("envelope field \"") + f + "\" must be a hex string");
    if (auto b = from_hex(env[f].get<std::string>()); !b)
      return make_error("bad_envelope", std::string("envelope field \"") + f + "\": " + b.error().message);
  }
  return {};
}

bool envelope_signature_valid(const Json& env, std::span<const std::uint8_t> public_key) {
  if (!check_envelope_shape(env)) return false;
  auto bytes = jcs(env["statement"]);
  return bytes && signature_valid(env, *bytes, public_key);
}

Result<CanonicalEnvelope> canonical_envelope(const Json& env) {
  CanonicalEnvelope c;
  TIRAGE_TRY_ASSIGN(c.statement_jcs, jcs(env["statement"]));
  c.statement_hash = sha256(c.statement_jcs);
  // JCS of {"key_id","signature","statement"}: keys in that order, and the two
  // hex strings need no escaping (check_envelope_shape made sure they are hex).
  const std::string envelope_jcs = "{\"key_id\":\"" + env["key_id"].get<std::string>() + "\",\"signature\":\"" +
                                   env["signature"].get<std::string>() + "\",\"statement\":" + c.statement_jcs + "}";
  c.leaf_hash = leaf_hash(envelope_jcs);
  return c;
}

Json keyset_to_json(std::span<const PublishedKey> keys) {
  Json arr = Json::array();
  for (const auto& k : keys) {
    Json j{{"algorithm", "ed25519"},
           {"key_id", k.key_id},
           {"public_key", to_hex(k.public_key)},
           {"valid_from", format_rfc3339(k.valid_from)}};
    if (k.valid_until) j["valid_until"] = format_rfc3339(*k.valid_until);
    if (k.endorsement) j["endorsement"] = *k.endorsement;
    arr.push_back(std::move(j));
  }
  return Json{{"keys", std::move(arr)}};
}

Result<std::vector<PublishedKey>> keyset_from_json(const Json& j) {
  if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array())
    return make_error("bad_keys", "the key set must be an object with a \"keys\" array");
  if (j["keys"].size() > kMaxKeys)
    return make_error("bad_keys", "the key set holds " + std::to_string(j["keys"].size()) + " keys; at most " +
                                      std::to_string(kMaxKeys) + " are read");
  std::vector<PublishedKey> out;
  for (std::size_t i = 0; i < j["keys"].size(); ++i) {
    const Json& k = j["keys"][i];
    auto bad = [&](const std::string& why) {
      return make_error("bad_keys", "keys[" + std::to_string(i) + "]: " + why);
    };
    if (!k.is_object()) return bad("must be an object");
    if (k.value("algorithm", "") != "ed25519") return bad("algorithm must be \"ed25519\"");
    for (const char* f : {"key_id", "public_key", "valid_from"})
      if (!k.contains(f) || !k[f].is_string()) return bad(std::string("\"") + f + "\" must be a string");
    PublishedKey pk;
    auto pub = from_hex(k["public_key"].get<std::string>());
    if (!pub || pub->size() != 32) return bad("\"public_key\" must be 32 bytes of hex");
    pk.public_key = std::move(*pub);
    pk.key_id = k["key_id"].get<std::string>();
    if (pk.key_id != key_id(pk.public_key)) return bad("\"key_id\" does not match the public key");
    auto from = parse_rfc3339(k["valid_from"].get<std::string>());
    if (!from) return bad(from.error().message);
    pk.valid_from = *from;
    if (k.contains("valid_until")) {
      if (!k["valid_until"].is_string()) return bad("\"valid_until\" must be a string");
      auto until = parse_rfc3339(k["valid_until"].get<std::string>());
      if (!until) return bad(until.error().message);
      pk.valid_until = *until;
    }
    if (k.contains("endorsement")) {
      if (auto ok = check_envelope_shape(k["endorsement"]); !ok) return bad("\"endorsement\": " + ok.error().message);
      pk.endorsement = k["endorsement"];
    }
    out.push_back(std::move(pk));
  }
  return out;
}

Status verify_envelope(const Json& env, std::span<const PublishedKey> keys, UnixSeconds when) {
  if (auto ok = check_envelope_shape(env); !ok) return ok;
  auto bytes = jcs(env["statement"]);
  if (!bytes) return bytes.error();
  return verify_envelope(env, *bytes, keys, when);
}

Status verify_envelope(const Json& env, std::string_view statement_jcs, std::span<const PublishedKey> keys,
                       UnixSeconds when) {
  if (auto ok = check_envelope_shape(env); !ok) return ok;
  const auto& id = env["key_id"].get_ref<const std::string&>();
  for (const auto& k : keys) {
    if (k.key_id != id) continue;
    if (when < k.valid_from || (k.valid_until && when >= *k.valid_until))
      return make_error("key_not_valid", "key " + id + " was not valid at " + format_rfc3339(when));
    if (!signature_valid(env, statement_jcs, k.public_key))
      return make_error("bad_signature", "signature by key " + id + " does not verify");
    return {};
  }
  return make_error("unknown_key", "key " + id.substr(0, 64) + " is not in the key set");
}

}  // namespace tirage
