// The organizer's participant list, built in slices of a few milliseconds so
// the page never freezes: the shared build (shared/filters/
// participants_build.hpp, the same code `tirage participants` runs) given a
// time budget per call, with the time each stage took for the benchmarks.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/filters/participants_build.hpp"

namespace tirage::app {

class ParticipantsPipeline : public ParticipantsBuild {
 public:
  // ParticipantsBuild::start, and the stage times start over.
  void start(SourceKind kind, std::string_view bytes, std::string platform, Json columns, FilterRules rules,
             std::int64_t now);
  // Works for about budget_ms; true while work remains.
  bool step(double budget_ms);
  // Milliseconds of work spent in each stage so far (reading, filtering, listing, hashing), for benchmarks.
  const std::array<double, 4>& stage_ms() const { return stage_ms_; }

 private:
  std::array<double, 4> stage_ms_{};
};

}  // namespace tirage::app
