// One draw's life on the server, as the app drives it: commit the list's
// root and count (never the list), upload the leaf hashes for the
// participants' "was I in the draw?" check, wait for the beacon, fetch the
// protocol's selection, then publish winners and alternates with their
// inclusion proofs. A reload resumes from the draw id.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/protocol/jcs.hpp"
#include "wasm/app/browser/api_client.hpp"
#include "wasm/app/model/draw_body.hpp"
#include "wasm/app/model/giveaway.hpp"
#include "wasm/app/model/participants_pipeline.hpp"

namespace tirage::app {

class DrawSession {
 public:
  enum class Phase { idle, committing, uploading, waiting, selecting, drawn, publishing, published, failed };

  // Commits the giveaway's list (the pipeline must be ready).
  void commit(ApiClient& api, const Giveaway& g, const ParticipantsPipeline& list, double now);
  // Picks up a committed draw after a reload.
  void resume(ApiClient& api, const std::string& draw_id, const ParticipantsPipeline& list);
  // Advances uploads and waiting; call every frame.
  void tick(ApiClient& api, const ParticipantsPipeline& list, double now);
  // Sends the winners and alternates with entries and proofs.
  void publish(ApiClient& api, const ParticipantsPipeline& list);
  void reset() { *this = DrawSession(); }

  Phase phase() const { return phase_; }
  const std::string& draw_id() const { return draw_id_; }
  double draw_at() const { return draw_at_; }
  const std::string& error() const { return error_; }
  float upload_progress() const;
  bool weak_beacon() const { return weak_beacon_; }
  const std::vector<std::uint64_t>& winners() const { return winners_; }
  const std::vector<std::uint64_t>& alternates() const { return alternates_; }
  const Json& commitment() const { return commitment_; }
  const std::string& seed() const { return seed_; }

 private:
  void upload_next(ApiClient& api, const ParticipantsPipeline& list);
  void fail(std::string message) {
    error_ = std::move(message);
    phase_ = Phase::failed;
  }

  Phase phase_ = Phase::idle;
  std::string draw_id_;
  double draw_at_ = 0;
  std::string error_;
  bool in_flight_ = false;
  std::uint64_t uploaded_ = 0;  // leaf hashes the server has
  double next_poll_ = 0;
  bool weak_beacon_ = false;
  Json commitment_;
  std::string seed_;
  std::vector<std::uint64_t> winners_, alternates_;
};

}  // namespace tirage::app
