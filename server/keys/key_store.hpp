// The server's signing keys: private keys as PEM files (mode 0600) under
// DATA/keys/, their public halves and validity periods in the database.
// Exactly one key is current (no valid_until); rotation retires it and makes
// a new one, endorsed by the one it replaces (so verifiers that pinned an
// older key set follow), and old keys stay published so old signatures still verify.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "server/db/database.hpp"
#include "shared/crypto/ed25519.hpp"
#include "shared/protocol/envelope.hpp"

namespace tirage::server {

class KeyStore {
 public:
  KeyStore(Database& db, std::string data_dir) : db_(db), dir_(std::move(data_dir) + "/keys") {}

  // Creates the first key when there is none; endorses keys rotated in before
  // endorsements existed, with their previous key when its file is still here.
  Status ensure_key(UnixSeconds now);
  // Retires the current key at `now` and makes a new current key, endorsed by
  // the retired one; returns its id.
  Result<std::string> rotate(UnixSeconds now);
  // Signs statement with the current key.
  Result<Json> sign(const Json& statement);
  // Every key ever used, with validity periods (the /.well-known/tirage-keys.json content).
  std::vector<PublishedKey> published() const;

 private:
  Result<std::string> create_key(UnixSeconds now);
  Status endorse(const std::string& key_id, const std::string& previous_id, UnixSeconds previous_valid_until);
  Status endorse_missing();
  Result<Ed25519Key> load(const std::string& key_id);

  Database& db_;
  std::string dir_;
  std::mutex mu_;
  std::map<std::string, Ed25519Key> cache_;
};

}  // namespace tirage::server
