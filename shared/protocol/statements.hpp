// The protocol's statements (docs/protocol.md sections 2, 5, 7): commitment,
// result, substitution and signed tree head. Statements stay JSON (what is
// signed and hashed is JCS of exactly what was received); these functions
// check their shape and build them.
#pragma once

#include <optional>
#include <vector>

#include "shared/core/time.hpp"
#include "shared/protocol/entry.hpp"
#include "shared/protocol/jcs.hpp"
#include "shared/protocol/selection.hpp"

namespace tirage {

inline constexpr const char* kCommitmentType = "tirage/commitment/v1";
inline constexpr const char* kResultType = "tirage/result/v1";
inline constexpr const char* kSubstitutionType = "tirage/substitution/v1";
inline constexpr const char* kTreeHeadType = "tirage/sth/v1";
inline constexpr const char* kKeyEndorsementType = "tirage/key/v1";

// A post the participant list was imported from.
struct PostRef {
  std::string platform;  // instagram, facebook, x, youtube or tiktok
  std::string post_id;   // 1..200 printable ASCII bytes, as the platform names the post

  bool operator==(const PostRef&) const = default;
};

// A commitment's fields, read from its statement.
struct Commitment {
  std::string draw_id, giveaway_id, title, organizer;
  Hash participants_root{};
  std::uint64_t participants_count = 0, winners = 0, alternates = 0;
  Json rules, beacon;
  UnixSeconds committed_at = 0;
  std::optional<UnixSeconds> publish_by;  // the result's deadline; absent in commitments made before deadlines
  std::vector<PostRef> sources;           // the posts the list came from; empty for files and pasted lists
  std::string giveaway_url;               // the giveaway post's public https:// link, or empty
};

// Reads and checks a commitment statement (fields, types, K >= 1, K+M <= N,
// publish_by not before the beacon, sources and giveaway_url well formed).
Result<Commitment> parse_commitment(const Json& statement);

// Reads a non-empty "sources" array of {"platform","post_id"} (at most 20);
// errors name the element and field ('sources[1]: "platform" must be ...').
Result<std::vector<PostRef>> post_refs_from_json(const Json& sources);
Json post_refs_to_json(const std::vector<PostRef>& refs);
// Checks a giveaway_url: https://, printable ASCII, at most 500 bytes.
Status check_giveaway_url(const std::string& url);

// H(JCS(statement)), for commitment_hash and result_hash.
Result<Hash> statement_hash(const Json& statement);

// One selected participant as published: rank, index, entry, inclusion proof.
struct Pick {
  std::uint64_t rank = 0, index = 0;
  Entry entry;
  std::vector<Hash> proof;
};

Json pick_to_json(const Pick& p);
// Reads {"index","entry","proof"[,"rank"]}; rank is optional on input.
Result<Pick> pick_from_json(const Json& j, const std::string& where);

// Checks that picks are exactly the selected indices, in rank order, each with a
// valid inclusion proof against the commitment's participants root.
Status check_picks(const Commitment& c, const std::vector<std::uint64_t>& indices, const std::vector<Pick>& picks,
                   const char* which);

struct ResultInputs {
  Json beacon;                        // the committed beacon plus revealed values
  Hash seed{};
  std::vector<Pick> winners, alternates;
  UnixSeconds drawn_at = 0;
};

// Builds the result statement for a commitment.
Json make_result_statement(const Commitment& c, const Hash& commitment_hash, const ResultInputs& in);

// A result's fields, read from its statement.
struct DrawResult {
  std::string draw_id;
  Hash commitment_hash{};
  Json beacon;
  Hash seed{};
  std::vector<Pick> winners, alternates;
  UnixSeconds drawn_at = 0;
};

Result<DrawResult> parse_result(const Json& statement);

struct Substitution {
  std::string draw_id;
  Hash result_hash{};
  std::uint64_t replaced_rank = 0, alternate_rank = 0;
  std::string reason;
  UnixSeconds substituted_at = 0;
};

Result<Substitution> parse_substitution(const Json& statement);
Json make_substitution_statement(const Substitution& s);

// Checks a sequence of substitutions for a result with K winners and M
// alternates: each replaces a current winner rank and takes the lowest unused alternate.
Status check_substitution_order(const std::vector<Substitution>& subs, std::uint64_t winners,
                                std::uint64_t alternates);

struct TreeHead {
  std::uint64_t tree_size = 0;
  Hash root_hash{};
  UnixSeconds timestamp = 0;
};

Json make_tree_head_statement(const TreeHead& h);
Result<TreeHead> parse_tree_head(const Json& statement);

// What the previous signing key says when the server rotates to a new key
// (docs/protocol.md section 6, "Rotation and endorsements"): the new key, from when it signs, and until
// when the previous key did.
struct KeyEndorsement {
  std::string key_id;
  Bytes public_key;
  UnixSeconds valid_from = 0;
  std::string previous_key_id;
  UnixSeconds previous_valid_until = 0;
};

Json make_key_endorsement_statement(const KeyEndorsement& e);
Result<KeyEndorsement> parse_key_endorsement(const Json& statement);

}  // namespace tirage
