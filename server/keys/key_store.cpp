#include "server/keys/key_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/random.hpp"
#include "shared/protocol/key_trust.hpp"

namespace tirage::server {

namespace {

Status write_private(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return make_error("io", "cannot create " + path + ": " + std::strerror(errno));
  bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) return make_error("io", "cannot write " + path);
  return {};
}

}  // namespace

Result<std::string> KeyStore::create_key(UnixSeconds now) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  ::chmod(dir_.c_str(), 0700);
  auto key = ed25519_from_seed(random_bytes(32));
  if (!key) return key.error();
  auto pem = ed25519_to_pem(*key);
  if (!pem) return pem.error();
  const std::string id = key_id(key->public_key);
  if (auto ok = write_private(dir_ + "/" + id + ".pem", *pem); !ok) return ok.error();
  auto st = db_.prepare("INSERT INTO signing_keys (key_id, public_key, valid_from) VALUES (?, ?, ?)");
  st.bind(1, id).bind(2, to_hex(key->public_key)).bind(3, now);
  if (auto ok = st.run(); !ok) return ok.error();
  return id;
}

Status KeyStore::endorse(const std::string& id, const std::string& previous_id, UnixSeconds previous_valid_until) {
  auto previous = load(previous_id);
  if (!previous) return previous.error();
  auto st = db_.prepare("SELECT public_key, valid_from FROM signing_keys WHERE key_id = ?");
  st.bind(1, id);
  if (!st.step()) return make_error("no_key", "there is no signing key " + id);
  PublishedKey key{id, *from_hex(st.text(0)), st.integer(1), std::nullopt, std::nullopt};
  auto envelope = endorse_key(key, *previous, previous_valid_until);
  if (!envelope) return envelope.error();
  auto update = db_.prepare("UPDATE signing_keys SET endorsement = ? WHERE key_id = ?");
  update.bind(1, envelope->dump()).bind(2, id);
  return update.run();
}

// Keys in the order they were made: valid_from, then rowid, since a rotation in
// the second the previous key was made gives both the same valid_from.
Status KeyStore::endorse_missing() {
  struct Row {
    std::string id;
    std::optional<std::int64_t> valid_until;
    bool endorsed;
  };
  std::vector<Row> rows;
  {
    auto st = db_.prepare("SELECT key_id, valid_until, endorsement IS NOT NULL FROM signing_keys ORDER BY valid_from, rowid");
    while (st.step()) rows.push_back({st.text(0), st.optional_integer(1), st.integer(2) != 0});
  }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].endorsed || !rows[i - 1].valid_until) continue;
    // A key file deleted by the operator cannot endorse: that key set stays a
    // new root, to be pinned again by whoever pinned the old one.
    if (auto ok = endorse(rows[i].id, rows[i - 1].id, *rows[i - 1].valid_until); !ok && ok.error().code != "io")
      return ok;
  }
  return {};
}

Status KeyStore::ensure_key(UnixSeconds now) {
  std::lock_guard db_lock(db_.mutex());
  auto st = db_.prepare("SELECT COUNT(*) FROM signing_keys WHERE valid_until IS NULL");
  if (st.step() && st.integer(0) > 0) return endorse_missing();
  auto id = create_key(now);
  if (!id) return id.error();
  return endorse_missing();
}

Result<std::string> KeyStore::rotate(UnixSeconds now) {
  std::lock_guard db_lock(db_.mutex());
  Result<std::string> id = std::string();
  Status ok = db_.transaction([&]() -> Status {
    std::string previous;
    {
      auto current = db_.prepare("SELECT key_id FROM signing_keys WHERE valid_until IS NULL");
      if (current.step()) previous = current.text(0);
    }
    // The old key stays valid to the end of this second, so statements it
    // signed in the second of the rotation still verify (validity is whole seconds).
    auto retire = db_.prepare("UPDATE signing_keys SET valid_until = ? WHERE valid_until IS NULL");
    retire.bind(1, now + 1);
    if (auto r = retire.run(); !r) return r;
    id = create_key(now);
    if (!id) return id.error();
    return previous.empty() ? Status{} : endorse(*id, previous, now + 1);
  });
  if (!ok) return ok.error();
  return id;
}

Result<Ed25519Key> KeyStore::load(const std::string& id) {
  std::lock_guard lock(mu_);
  if (auto it = cache_.find(id); it != cache_.end()) return it->second;
  const std::string path = dir_ + "/" + id + ".pem";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return make_error("io", "signing key file " + path + " is missing");
  if ((st.st_mode & 077) != 0)
    return make_error("insecure_key", "signing key file " + path + " is readable by others; chmod 600 it");
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto key = ed25519_from_pem(ss.str());
  if (!key) return key.error();
  if (key_id(key->public_key) != id) return make_error("bad_key", path + " does not hold key " + id);
  cache_[id] = *key;
  return key;
}

Result<Json> KeyStore::sign(const Json& statement) {
  std::string id;
  {
    std::lock_guard db_lock(db_.mutex());
    auto st = db_.prepare("SELECT key_id FROM signing_keys WHERE valid_until IS NULL");
    if (!st.step()) return make_error("no_key", "there is no current signing key");
    id = st.text(0);
  }
  auto key = load(id);
  if (!key) return key.error();
  return sign_envelope(statement, *key);
}

std::vector<PublishedKey> KeyStore::published() const {
  std::lock_guard db_lock(db_.mutex());
  std::vector<PublishedKey> out;
  auto st = db_.prepare(
      "SELECT key_id, public_key, valid_from, valid_until, endorsement FROM signing_keys ORDER BY valid_from, rowid");
  while (st.step()) {
    PublishedKey k;
    k.key_id = st.text(0);
    k.public_key = *from_hex(st.text(1));
    k.valid_from = st.integer(2);
    k.valid_until = st.optional_integer(3);
    if (!st.is_null(4)) k.endorsement = *parse_json(st.text(4));
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace tirage::server
