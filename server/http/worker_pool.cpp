#include "server/http/worker_pool.hpp"

#include <thread>

namespace tirage::server {

namespace {
thread_local WorkerPool* t_pool = nullptr;  // the pool of the calling request thread, if it is one
thread_local int t_outside_depth = 0;       // nested OutsideCalls count once
}  // namespace

WorkerPool::WorkerPool(int threads) : base_(threads < 1 ? 1 : threads) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < base_; ++i) spawn_locked();
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::spawn_locked() {
  ++running_;
  // Detached: a stand-in ends by itself when the thread it replaced comes back;
  // stop() waits for every thread through running_.
  std::thread([this] { worker(); }).detach();
}

void WorkerPool::worker() {
  t_pool = this;
  std::unique_lock lock(mu_);
  for (;;) {
    // More threads free to work than the base count: a waiter came back, so one goes.
    if (running_ - waiting_ > base_) break;
    if (!tasks_.empty()) {
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
      continue;
    }
    if (stopping_) break;
    ++idle_;
    ready_.wait(lock);
    --idle_;
  }
  --running_;
  if (!tasks_.empty()) ready_.notify_one();  // a surplus thread leaves the task it was woken for to another
  finished_.notify_all();
}

void WorkerPool::push(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void WorkerPool::stop() {
  std::unique_lock lock(mu_);
  stopping_ = true;
  ready_.notify_all();
  finished_.wait(lock, [this] { return running_ == 0; });
}

int WorkerPool::threads() const {
  std::lock_guard lock(mu_);
  return running_;
}

void WorkerPool::enter_outside_call() {
  std::lock_guard lock(mu_);
  ++waiting_;
  if (running_ - waiting_ < base_ && waiting_ <= kMaxOutsideWaits && !stopping_) spawn_locked();
}

void WorkerPool::leave_outside_call() {
  {
    std::lock_guard lock(mu_);
    --waiting_;
  }
  ready_.notify_one();  // an idle thread may now be surplus
}

OutsideCall::OutsideCall() : pool_(t_outside_depth++ == 0 ? t_pool : nullptr) {
  if (pool_) pool_->enter_outside_call();
}

OutsideCall::~OutsideCall() {
  --t_outside_depth;
  if (pool_) pool_->leave_outside_call();
}

}  // namespace tirage::server
