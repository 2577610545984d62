// Draws as the server runs them (docs/protocol.md sections 2-5): commit, reveal
// the beacon, derive the selection, accept a result, substitute, bundle.
// The server never sees the participant list: only the root, the count, and
// the selected entries with their inclusion proofs.
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "server/accounts/organizer.hpp"
#include "server/beacon/drand_client.hpp"
#include "server/db/database.hpp"
#include "server/keys/key_store.hpp"
#include "server/log/transparency_log.hpp"

namespace tirage::server {

struct CreatedDraw {
  std::string draw_id;
  Json commitment;  // envelope
  UnixSeconds draw_at = 0;
};

struct DrawRecord {
  std::string id, organizer_id, giveaway_id;
  Json commitment;  // envelope
  UnixSeconds draw_at = 0;
  std::optional<UnixSeconds> publish_by;  // none for commitments made before deadlines existed
  std::optional<std::string> local_secret;
  std::optional<Json> beacon;  // revealed beacon object, once known
  std::optional<Json> result;  // envelope
  std::vector<Json> substitutions;
};

class DrawService {
 public:
  // publish_window: seconds after the beacon's publication that a result may still be published.
  DrawService(Database& db, KeyStore& keys, TransparencyLog& log, const DrandClient* drand,
              UnixSeconds publish_window = kDefaultPublishWindow)
      : db_(db), keys_(keys), log_(log), drand_(drand), publish_window_(publish_window) {}

  static constexpr UnixSeconds kDefaultPublishWindow = 86400;

  // Validates the create body, picks the beacon round, sets the publication
  // deadline, signs and logs the commitment; 'giveaway_taken' when another
  // organizer owns the giveaway id.
  Result<CreatedDraw> create(const Organizer& org, const Json& body, UnixSeconds now);
  // The draw, or 'not_found'.
  Result<DrawRecord> find(const std::string& draw_id) const;
  // Public view: status (committed, ready, drawn, abandoned), commitment, beacon, result,
  // substitutions, the selection of an abandoned draw, and the related commitments.
  // *valid_until (when given): the time the view changes by itself (a related draw's deadline).
  Result<Json> public_view(const std::string& draw_id, UnixSeconds now, UnixSeconds* valid_until = nullptr);
  // The public view serialized; drawn draws are served from memory until
  // they change (a substitution), since that is what shared links hammer.
  Result<std::shared_ptr<const std::string>> public_view_text(const std::string& draw_id, UnixSeconds now);
  // {"seed","winners","alternates"} once the beacon value exists; 'not_yet' before.
  Result<Json> selection(const std::string& draw_id, UnixSeconds now);
  // Checks the submitted entries and proofs, signs and logs the result (once);
  // 'deadline_passed' after the commitment's publish_by.
  Result<Json> publish_result(const Organizer& org, const std::string& draw_id, const Json& body, UnixSeconds now);
  // Replaces a winner by the next unused alternate, signed and logged.
  Result<Json> substitute(const Organizer& org, const std::string& draw_id, const Json& body, UnixSeconds now);
  // Everything `tirage verify` needs.
  Result<Json> bundle(const std::string& draw_id, UnixSeconds now);
  // At start: signs the commit-time tree head of draws that lack it (the
  // server stopped between the append and the signature) while their beacon
  // is still in the future; after it, no honest head can be made.
  Status sign_missing_committed_heads(UnixSeconds now);
  // Every commitment for a giveaway, in log order, and the organizer who owns the id.
  Result<Json> giveaway_commitments(const std::string& giveaway_id) const;
  // The organizer's draws, newest first, each with its status (published, waiting, abandoned).
  Result<Json> organizer_draws(const Organizer& org, UnixSeconds now) const;
  // {"draw_id", "related": [...], "truncated"}: the other commitments by the same organizer
  // of the same list, post or giveaway, each with its status (design C).
  Result<Json> related(const std::string& draw_id, UnixSeconds now);

  // Seconds until the beacon is due (for Retry-After), at least 1.
  static UnixSeconds retry_after(const DrawRecord& d, UnixSeconds now);

 private:
  Result<Json> revealed_beacon(DrawRecord& d, UnixSeconds now);
  // {"seed","winners","alternates"} of a draw whose beacon is revealed (or can be now).
  Result<Json> selection_of(DrawRecord& d, UnixSeconds now);
  Result<DrawRecord> owned(const Organizer& org, const std::string& draw_id) const;
  // The related list of d as JSON, and when it next changes by itself (a waiting draw's deadline).
  Result<std::pair<Json, UnixSeconds>> related_list(const DrawRecord& d, UnixSeconds now, bool* truncated);
  Status sign_committed_head(const std::string& draw_id, UnixSeconds now);
  Result<Json> committed_proofs(const std::string& draw_id, const Hash& commitment_leaf, const TreeHead& latest) const;

  void forget_view(const std::string& draw_id);
  // The organizer's draws changed (one committed or published): their cached views, whose
  // related lists may name it, are stale. Related draws always share the organizer.
  void organizer_changed(const std::string& organizer_id);

  Database& db_;
  KeyStore& keys_;
  TransparencyLog& log_;
  const DrandClient* drand_;  // null when the server runs without drand
  const UnixSeconds publish_window_;
  struct CachedView {
    std::shared_ptr<const std::string> text;
    UnixSeconds valid_until;  // a related draw's deadline changes its status then
    std::string organizer;
    std::uint64_t generation;  // organizer_generation_ when the view was read
  };
  std::shared_mutex views_mu_;
  std::unordered_map<std::string, CachedView> views_;  // drawn draws only
  std::unordered_map<std::string, std::uint64_t> organizer_generation_;  // bumped by organizer_changed
};

}  // namespace tirage::server
