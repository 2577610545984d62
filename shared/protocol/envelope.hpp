// Signed envelopes and the server's key set (docs/protocol.md section 6).
//
//   Json env = *sign_envelope(statement, key);   // {"statement","key_id","signature"}
//   Status ok = verify_envelope(env, keyset, signing_time);
#pragma once

#include <optional>
#include <vector>

#include "shared/core/time.hpp"
#include "shared/crypto/ed25519.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

// Wraps statement in an envelope signed with key over JCS(statement).
Result<Json> sign_envelope(const Json& statement, const Ed25519Key& key);

// Checks the envelope's shape: exactly statement (object), key_id and signature (hex).
Status check_envelope_shape(const Json& envelope);

// True when the envelope's signature verifies under public_key.
bool envelope_signature_valid(const Json& envelope, std::span<const std::uint8_t> public_key);

// One published key with its validity period.
struct PublishedKey {
  std::string key_id;
  Bytes public_key;
  UnixSeconds valid_from = 0;
  std::optional<UnixSeconds> valid_until;  // absent while the key is current
  std::optional<Json> endorsement;         // envelope of a key endorsement by the previous key (key_trust.hpp)
};

// The content of /.well-known/tirage-keys.json:
// {"keys":[{"algorithm":"ed25519","key_id","public_key","valid_from"[,"valid_until"][,"endorsement"]}]},
// at most kMaxKeys keys.
inline constexpr std::size_t kMaxKeys = 1000;
Json keyset_to_json(std::span<const PublishedKey> keys);
Result<std::vector<PublishedKey>> keyset_from_json(const Json& j);

// Verifies the envelope with the key it names, which must be valid at `when`;
// the error says which of those failed.
Status verify_envelope(const Json& envelope, std::span<const PublishedKey> keys, UnixSeconds when);

// The same with JCS(statement) already made (a large statement is canonicalized once: see CanonicalEnvelope).
Status verify_envelope(const Json& envelope, std::string_view statement_jcs, std::span<const PublishedKey> keys,
                       UnixSeconds when);

// An envelope's canonical forms, each computed once from one JCS of its
// statement: the signed bytes, the statement's hash, and the log leaf hash
// H(0x00 || JCS(envelope)). The envelope must have passed check_envelope_shape.
struct CanonicalEnvelope {
  std::string statement_jcs;
  Hash statement_hash{};
  Hash leaf_hash{};
};
Result<CanonicalEnvelope> canonical_envelope(const Json& envelope);

}  // namespace tirage
