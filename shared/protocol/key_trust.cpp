#include "shared/protocol/key_trust.hpp"

#include <algorithm>

#include "shared/crypto/sha256.hpp"

namespace tirage {

namespace {

// Checks `key`'s endorsement against the keys accepted so far; on success
// returns it. An "unknown_key" error means its endorser is not accepted (yet).
Result<KeyEndorsement> check_endorsement(const PublishedKey& key, std::span<const PublishedKey> accepted) {
  const Json& env = *key.endorsement;
  auto e = parse_key_endorsement(env["statement"]);
  if (!e) return e.error();
  if (e->key_id != key.key_id || e->public_key != key.public_key)
    return make_error("bad_endorsement", "the endorsement is for key " + e->key_id.substr(0, 64) + ", not this one");
  if (e->valid_from != key.valid_from)
    return make_error("bad_endorsement", "the endorsement says the key is valid from " + format_rfc3339(e->valid_from) +
                                             ", the key set from " + format_rfc3339(key.valid_from));
  if (env["key_id"] != e->previous_key_id)
    return make_error("bad_endorsement", "the endorsement names previous key " + e->previous_key_id.substr(0, 64) +
                                             " but is signed by another key");
  if (e->previous_valid_until < e->valid_from)
    return make_error("bad_endorsement", "the previous key's end comes before the new key's start");
  // Signed by the previous key while it was valid: when the new key began.
  if (auto ok = verify_envelope(env, accepted, e->valid_from); !ok) return ok.error();
  return e;
}

}  // namespace

AcceptedKeys accept_keys(std::span<const PublishedKey> trusted, std::span<const PublishedKey> offered) {
  AcceptedKeys out;
  out.keys.assign(trusted.begin(), trusted.end());
  out.trusted = out.keys.size();
  auto accepted = [&](const std::string& id) {
    return std::find_if(out.keys.begin(), out.keys.end(), [&](const PublishedKey& k) { return k.key_id == id; });
  };
  std::vector<const PublishedKey*> pending;
  for (const auto& k : offered)
    if (accepted(k.key_id) == out.keys.end()) pending.push_back(&k);
  // Endorsements may come in any order: repeat until a pass accepts nothing
  // (each pass accepts a key or ends, so at most pending.size() passes).
  for (bool progress = true; progress;) {
    progress = false;
    for (auto it = pending.begin(); it != pending.end();) {
      const PublishedKey& k = **it;
      if (accepted(k.key_id) != out.keys.end()) {  // the same key offered twice
        it = pending.erase(it);
        continue;
      }
      if (!k.endorsement) {
        out.refused[k.key_id] = "it is not in your key set and no key endorsed it";
        it = pending.erase(it);
        continue;
      }
      auto e = check_endorsement(k, out.keys);
      if (!e) {
        out.refused[k.key_id] = e.error().code == "unknown_key"
                                    ? "its endorsement is signed by key " + (*k.endorsement)["key_id"].get<std::string>().substr(0, 64) +
                                          ", which is neither in your key set nor endorsed by a key in it"
                                    : "its endorsement does not hold: " + e.error().message;
        if (e.error().code == "unknown_key") ++it;  // its endorser may be accepted later in this pass or the next
        else it = pending.erase(it);
        continue;
      }
      PublishedKey k2 = k;
      auto previous = accepted(e->previous_key_id);
      if (!previous->valid_until || *previous->valid_until > e->previous_valid_until)
        previous->valid_until = e->previous_valid_until;
      out.keys.push_back(std::move(k2));
      out.refused.erase(k.key_id);
      it = pending.erase(it);
      progress = true;
    }
  }
  return out;
}

namespace {
// Names the key when the signature failed only for want of a trusted key.
Status name_untrusted(Status s, const Json& envelope, const AcceptedKeys& keys) {
  if (s || s.error().code != "unknown_key") return s;
  const std::string id = envelope["key_id"].get<std::string>().substr(0, 64);
  auto why = keys.refused.find(id);
  if (why != keys.refused.end())
    return make_error("untrusted_key", "key " + id + " is offered by the bundle but not trusted: " + why->second);
  return make_error("untrusted_key", "key " + id + " is not in your trusted key set");
}
}  // namespace

Status verify_trusted(const Json& envelope, const AcceptedKeys& keys, UnixSeconds when) {
  return name_untrusted(verify_envelope(envelope, keys.keys, when), envelope, keys);
}

Status verify_trusted(const Json& envelope, const CanonicalEnvelope& canonical, const AcceptedKeys& keys,
                      UnixSeconds when) {
  return name_untrusted(verify_envelope(envelope, canonical.statement_jcs, keys.keys, when), envelope, keys);
}

Result<Json> endorse_key(const PublishedKey& key, const Ed25519Key& previous, UnixSeconds previous_valid_until) {
  return sign_envelope(make_key_endorsement_statement({key.key_id, key.public_key, key.valid_from,
                                                       key_id(previous.public_key), previous_valid_until}),
                       previous);
}

Result<std::string> keyset_fingerprint(const Json& keyset) {
  auto bytes = jcs(keyset);
  if (!bytes) return bytes.error();
  return to_hex(sha256(*bytes)).substr(0, 16);
}

}  // namespace tirage
