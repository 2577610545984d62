// Which signing keys a verifier accepts (docs/protocol.md section 6, "Trusted keys"): the
// caller's own key set, never a bundle's alone. A key the bundle offers is
// accepted only when an already accepted key endorsed it at rotation, so a
// verifier that pinned an old key set still follows the service's rotations,
// and a stranger's key offered with no such endorsement signs nothing.
//
//   AcceptedKeys k = accept_keys(trusted, offered);
//   Status s = verify_envelope(env, k.keys, when);   // or verify_trusted (names refused keys)
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "shared/protocol/envelope.hpp"
#include "shared/protocol/statements.hpp"

namespace tirage {

struct AcceptedKeys {
  std::vector<PublishedKey> keys;               // the trusted keys, then the endorsed ones
  std::size_t trusted = 0;                      // how many of keys came from the caller
  std::map<std::string, std::string> refused;   // offered key id -> why it was not accepted
};

// The trusted keys plus every offered key reachable from them through endorsements;
// an endorsement also ends the previous key's validity at its previous_valid_until.
AcceptedKeys accept_keys(std::span<const PublishedKey> trusted, std::span<const PublishedKey> offered);

// verify_envelope against the accepted keys; a key that is not accepted is named with why.
Status verify_trusted(const Json& envelope, const AcceptedKeys& keys, UnixSeconds when);
Status verify_trusted(const Json& envelope, const CanonicalEnvelope& canonical, const AcceptedKeys& keys, UnixSeconds when);

// The endorsement envelope the previous key signs for `key` (KeyStore::rotate).
Result<Json> endorse_key(const PublishedKey& key, const Ed25519Key& previous, UnixSeconds previous_valid_until);

// A key set's fingerprint, to compare by eye: the first 16 hex digits of SHA-256(JCS(key set)).
Result<std::string> keyset_fingerprint(const Json& keyset);

}  // namespace tirage
