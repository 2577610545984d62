#include "shared/protocol/envelope.hpp"

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/protocol_fields.hpp"

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
  StrictJsonReader in("bad_envelope");
  JsonFields o = in.object(env, "envelope");
  o.object("statement");
  for (const char* f : {"key_id", "signature"}) {
    const std::string hex = o.string(f);
    if (!o.ok()) break;
    if (auto b = from_hex(hex); !b) o.fail(f, b.error().message);
  }
  o.refuse_unknown();
  return in.status();
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
  StrictJsonReader in("bad_keys");
  JsonFields set = in.object(j, "");
  JsonItems keys = set.array("keys", kMaxKeys);
  std::vector<PublishedKey> out;
  for (std::size_t i = 0; i < keys.size() && keys.ok(); ++i) {
    JsonFields k = keys.object(i);
    read_constant(k, "algorithm", "ed25519");
    PublishedKey pk;
    pk.key_id = k.string("key_id");
    const std::string pub = k.string("public_key");
    pk.valid_from = read_time(k, "valid_from");
    pk.valid_until = read_optional_time(k, "valid_until");
    const Json* endorsement = k.optional_value("endorsement");
    if (!k.ok()) break;
    auto bytes = from_hex(pub);
    if (!bytes || bytes->size() != 32) {
      k.fail("public_key", "got " + describe_json(Json(pub)) + ", wanted 32 bytes of hex");
      break;
    }
    pk.public_key = std::move(*bytes);
    if (pk.key_id != key_id(pk.public_key)) {
      k.fail("key_id", "does not match the public key");
      break;
    }
    if (endorsement) {
      if (auto ok = check_envelope_shape(*endorsement); !ok) {
        k.fail("endorsement", ok.error().message);
        break;
      }
      pk.endorsement = *endorsement;
    }
    out.push_back(std::move(pk));
  }
  return in.finish(std::move(out));
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
