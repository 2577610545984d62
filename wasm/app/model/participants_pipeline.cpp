#include "wasm/app/model/participants_pipeline.hpp"

#include <chrono>

namespace tirage::app {

namespace {

// Records handled between two looks at the clock: a few milliseconds of work
// each in Wasm, so a 50 ms budget is overshot by little. Hashing a leaf costs
// more than reading a row, so that stage looks at the clock more often.
constexpr std::size_t kRecordsPerStep = 20000;
constexpr std::size_t kLeavesPerStep = 2048;

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void ParticipantsPipeline::start(SourceKind kind, std::string_view bytes, std::string platform, Json columns,
                                 FilterRules rules, std::int64_t now) {
  stage_ms_ = {};
  ParticipantsBuild::start(kind, bytes, std::move(platform), std::move(columns), std::move(rules), now);
}

bool ParticipantsPipeline::step(double budget_ms) {
  const double until = now_ms() + budget_ms;
  while (busy() && now_ms() < until) {
    const double began = now_ms();
    const auto timed = static_cast<std::size_t>(stage()) - static_cast<std::size_t>(Stage::reading);
    work(stage() == Stage::hashing ? kLeavesPerStep : kRecordsPerStep);
    if (timed < stage_ms_.size()) stage_ms_[timed] += now_ms() - began;
  }
  return busy();
}

}  // namespace tirage::app
