// What a draw certificate shows, as plain values: no JSON, no server types.
// The server fills it from a draw's public view (certificate_view.hpp); tests
// fill it by hand. Text is UTF-8 as the organizer typed it; times are the
// protocol's RFC 3339 UTC strings ("2026-12-24T18:00:00Z"); hashes and
// signatures are lowercase hex.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tirage::server {

// One drawn person: a winner or an alternate.
struct CertificatePick {
  std::uint64_t rank = 0;  // 1-based, in draw order
  std::string name;        // display handle, as in the participant entry
  std::string platform;    // instagram, facebook, x, youtube, tiktok or list
};

// A winner replaced by the next alternate (docs/protocol.md section 5, Substitutions).
struct CertificateSubstitution {
  std::uint64_t replaced_rank = 0;   // the winner's rank
  std::uint64_t alternate_rank = 0;  // the alternate who takes the place
  std::string reason;                // as the organizer stated it
  std::string substituted_at;        // RFC 3339; may be empty
};

// Where the randomness came from.
struct CertificateBeacon {
  std::string source;                  // "drand" or "local"
  std::optional<std::uint64_t> round;  // drand round
  std::string chain_hash;              // drand chain, hex
  std::string commit;                  // local: H(secret) published at commitment time, hex
  std::string value;                   // the 32-byte beacon value, hex

  // The local beacon is weaker (the server could collude) and must say so.
  bool is_weak_local() const { return source == "local"; }
};

// A signed statement's signature and the key that made it.
struct CertificateSignature {
  std::string key_id;     // hex, first 8 bytes of H(public key)
  std::string signature;  // Ed25519, hex
};

// Another commitment by the same organizer of the same list, post or giveaway
// (issue 13): printed so that a draw kept among several cannot look like the only one.
struct CertificateRelated {
  std::string draw_id;
  std::string title;
  std::string committed_at;              // RFC 3339
  std::string publish_by;                // RFC 3339; empty for commitments made before deadlines
  std::string status;                    // published, waiting or abandoned
  std::vector<std::string> reasons;      // same_list, same_post, same_giveaway
  std::vector<std::uint64_t> winners;    // abandoned: the selected indices (0-based), when known
  std::vector<std::uint64_t> alternates;
};

struct CertificateData {
  std::string title;
  std::string organizer;
  std::string giveaway_id;
  std::string draw_id;
  std::string committed_at;  // RFC 3339
  std::string drawn_at;      // RFC 3339
  std::vector<std::pair<std::string, std::string>> rules;  // "key" -> "value", in display order
  std::uint64_t participants_count = 0;
  std::string participants_root;  // hex
  CertificateBeacon beacon;
  std::vector<CertificatePick> winners;     // by rank
  std::vector<CertificatePick> alternates;  // by rank
  std::vector<CertificateSubstitution> substitutions;  // in the order they were logged
  std::vector<CertificateRelated> related;  // in log order
  bool related_truncated = false;           // the server listed only the first ones
  CertificateSignature commitment_signature;
  CertificateSignature result_signature;
  std::string verify_url;  // what the QR code opens; printed beside it
};

}  // namespace tirage::server
