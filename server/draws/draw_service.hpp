// Draws as the server runs them (protocol.md sections 2-5): commit, reveal
// the beacon, derive the selection, accept a result, substitute, bundle.
// The server never sees the participant list: only the root, the count, and
// the selected entries with their inclusion proofs.
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "server/beacon/drand_client.hpp"
#include "server/db/database.hpp"
#include "server/keys/key_store.hpp"
#include "server/log/transparency_log.hpp"

namespace tirage::server {

struct Organizer {
  std::string id, email;
};

struct CreatedDraw {
  std::string draw_id;
  Json commitment;  // envelope
  UnixSeconds draw_at = 0;
};

struct DrawRecord {
  std::string id, organizer_id, giveaway_id;
  Json commitment;  // envelope
  UnixSeconds draw_at = 0;
  std::optional<std::string> local_secret;
  std::optional<Json> beacon;  // revealed beacon object, once known
  std::optional<Json> result;  // envelope
  std::vector<Json> substitutions;
};

class DrawService {
 public:
  DrawService(Database& db, KeyStore& keys, TransparencyLog& log, const DrandClient* drand)
      : db_(db), keys_(keys), log_(log), drand_(drand) {}

  // Validates the create body, picks the beacon round, signs and logs the commitment.
  Result<CreatedDraw> create(const Organizer& org, const Json& body, UnixSeconds now);
  // The draw, or 'not_found'.
  Result<DrawRecord> find(const std::string& draw_id) const;
  // Public view: status, commitment, beacon, result, substitutions.
  Result<Json> public_view(const std::string& draw_id, UnixSeconds now);
  // The public view serialized; drawn draws are served from memory until
  // they change (a substitution), since that is what shared links hammer.
  Result<std::shared_ptr<const std::string>> public_view_text(const std::string& draw_id, UnixSeconds now);
  // {"seed","winners","alternates"} once the beacon value exists; 'not_yet' before.
  Result<Json> selection(const std::string& draw_id, UnixSeconds now);
  // Checks the submitted entries and proofs, signs and logs the result (once).
  Result<Json> publish_result(const Organizer& org, const std::string& draw_id, const Json& body, UnixSeconds now);
  // Replaces a winner by the next unused alternate, signed and logged.
  Result<Json> substitute(const Organizer& org, const std::string& draw_id, const Json& body, UnixSeconds now);
  // Everything `tirage verify` needs.
  Result<Json> bundle(const std::string& draw_id, UnixSeconds now);
  // Every commitment for a giveaway, in log order.
  Result<Json> giveaway_commitments(const std::string& giveaway_id) const;
  // The organizer's draws, newest first.
  Result<Json> organizer_draws(const Organizer& org) const;

  // Seconds until the beacon is due (for Retry-After), at least 1.
  static UnixSeconds retry_after(const DrawRecord& d, UnixSeconds now);

 private:
  Result<Json> revealed_beacon(DrawRecord& d, UnixSeconds now);
  Result<DrawRecord> owned(const Organizer& org, const std::string& draw_id) const;

  void forget_view(const std::string& draw_id);

  Database& db_;
  KeyStore& keys_;
  TransparencyLog& log_;
  const DrandClient* drand_;  // null when the server runs without drand
  std::shared_mutex views_mu_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> views_;  // drawn draws only
};

}  // namespace tirage::server
