// One draw's life on the server, as the app drives it: commit the list's
// root and count (never the list), upload the leaf hashes for the
// participants' "was I in the draw?" check (and, when the organizer lets them
// check by handle, the platform entries' handle index), wait for the beacon, fetch the
// protocol's selection, then publish winners and alternates with their
// inclusion proofs. A reload resumes from the draw id.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/protocol/jcs.hpp"
#include "wasm/app/api/api_client.hpp"
#include "wasm/app/model/draw_body.hpp"
#include "wasm/app/model/giveaway.hpp"
#include "wasm/app/model/handle_index.hpp"
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
  // Forgets the draw (another giveaway is opened); answers to its requests still on their way are then ignored.
  void reset() {
    const int next = generation_ + 1;
    *this = DrawSession();
    generation_ = next;
  }

  Phase phase() const { return phase_; }
  const std::string& draw_id() const { return draw_id_; }
  double draw_at() const { return draw_at_; }
  const std::string& error() const { return error_; }
  float upload_progress() const;
  // True once the leaf hashes are sent and the handle index is being sent.
  bool uploading_handles() const { return handles_started_; }
  // The handle index the list gives (worked out once per list), shown before the commit and sent after it.
  const HandleIndexPlan& handle_plan_for(const ParticipantsPipeline& list);
  // Why the handle index could not be published ("" when it was, or was not asked for).
  const std::string& handle_error() const { return handle_error_; }
  bool weak_beacon() const { return weak_beacon_; }
  // True when the server said the draw is abandoned (its deadline to publish passed).
  bool abandoned() const { return abandoned_; }
  const std::vector<std::uint64_t>& winners() const { return winners_; }
  const std::vector<std::uint64_t>& alternates() const { return alternates_; }
  const Json& commitment() const { return commitment_; }
  const std::string& seed() const { return seed_; }

 private:
  void upload_next(ApiClient& api, const ParticipantsPipeline& list);
  void upload_handles_next(ApiClient& api, const ParticipantsPipeline& list);
  void fail(std::string message) {
    error_ = std::move(message);
    phase_ = Phase::failed;
  }

  int generation_ = 0;  // reset() counts up: a callback of an earlier draw sees another number
  Phase phase_ = Phase::idle;
  std::string draw_id_;
  double draw_at_ = 0;
  std::string error_;
  bool in_flight_ = false;
  std::uint64_t uploaded_ = 0;  // leaf hashes the server has
  bool handle_check_ = false;   // the giveaway's choice at commit time
  HandleIndexPlan handle_plan_;  // for the list whose root is handle_plan_root_
  std::string handle_plan_root_;
  bool handles_started_ = false;
  std::size_t handles_sent_ = 0;  // handle index entries the server has
  std::string handle_error_;
  double next_poll_ = 0;
  bool weak_beacon_ = false;
  bool abandoned_ = false;
  Json commitment_;
  std::string seed_;
  std::vector<std::uint64_t> winners_, alternates_;
};

}  // namespace tirage::app
