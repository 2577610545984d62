// The request threads. A fixed number of them run complete requests (the
// connection front has read each one whole); a thread that must wait on the
// outside world (a platform's API, an OAuth provider, Stripe, a drand relay)
// says so with an OutsideCall, and while it waits another thread takes its
// place, so slow outside services never take threads from everyone else's
// requests. Those waits are bounded too (kMaxOutsideWaits at once).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace tirage::server {

inline constexpr int kMaxOutsideWaits = 256;  // request threads waiting on outside services at once

class WorkerPool {
 public:
  // Starts `threads` request threads.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues a task for the next free thread.
  void push(std::function<void()> task);
  // Runs what is queued, then ends every thread.
  void stop();

  // Threads running right now (for tests and logs): the base count plus stand-ins for waits.
  int threads() const;

 private:
  friend class OutsideCall;
  void worker();
  void enter_outside_call();
  void leave_outside_call();
  void spawn_locked();

  const int base_;
  mutable std::mutex mu_;
  std::condition_variable ready_, finished_;
  std::deque<std::function<void()>> tasks_;
  int running_ = 0;  // threads alive
  int waiting_ = 0;  // threads inside an OutsideCall
  int idle_ = 0;     // threads waiting for a task
  bool stopping_ = false;
};

// For the life of the scope, the calling thread waits on an outside service.
// On a request thread the pool starts a stand-in; elsewhere (the import
// runner, the outbox) it does nothing.
class OutsideCall {
 public:
  OutsideCall();
  ~OutsideCall();
  OutsideCall(const OutsideCall&) = delete;
  OutsideCall& operator=(const OutsideCall&) = delete;

 private:
  WorkerPool* pool_;
};

}  // namespace tirage::server
