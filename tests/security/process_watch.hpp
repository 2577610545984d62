// What an attack cost the server process: its peak resident memory while the
// attack ran and the CPU time it spent, read from /proc.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <thread>

namespace tirage::testing {

// Resident memory of pid in KiB (0 when it is gone).
long rss_kib(pid_t pid);
// User + system CPU time of pid so far, in milliseconds.
long cpu_milliseconds(pid_t pid);

// Samples the resident memory of a process every few milliseconds until stop().
class PeakMemory {
 public:
  explicit PeakMemory(pid_t pid);
  ~PeakMemory();
  PeakMemory(const PeakMemory&) = delete;
  PeakMemory& operator=(const PeakMemory&) = delete;
  // Stops sampling; returns the growth of resident memory over the start, in MiB.
  long stop_growth_mib();
  long start_kib() const { return start_; }

 private:
  pid_t pid_;
  long start_;
  std::atomic<long> peak_;
  std::atomic<bool> done_{false};
  std::thread sampler_;
};

}  // namespace tirage::testing
