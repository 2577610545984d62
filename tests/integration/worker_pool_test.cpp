// The request threads (server/http/worker_pool.hpp): a thread waiting on an
// outside service is replaced while it waits, so the others still run tasks.
#include "server/http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace tirage::server {
namespace {

using namespace std::chrono_literals;

TEST(WorkerPool, ThreadsWaitingOutsideAreReplacedWhileTheyWait) {
  WorkerPool pool(2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> waiting{0};
  for (int i = 0; i < 2; ++i)
    pool.push([&] {
      OutsideCall call;
      ++waiting;
      released.wait();
    });
  while (waiting < 2) std::this_thread::sleep_for(1ms);
  // Both base threads wait on the outside: a task still runs at once.
  std::promise<void> ran;
  auto done = ran.get_future();
  pool.push([&] { ran.set_value(); });
  EXPECT_EQ(done.wait_for(2s), std::future_status::ready);
  EXPECT_EQ(pool.threads(), 4);
  release.set_value();
  // The stand-ins go once the waiters are back.
  for (int i = 0; i < 200 && pool.threads() > 2; ++i) {
    pool.push([] {});
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(pool.threads(), 2);
  pool.stop();
  EXPECT_EQ(pool.threads(), 0);
}

TEST(WorkerPool, OutsideCallsOffRequestThreadsChangeNothing) {
  WorkerPool pool(1);
  { OutsideCall call; }  // this thread is not one of the pool's
  EXPECT_EQ(pool.threads(), 1);
}

TEST(WorkerPool, StopRunsWhatIsQueued) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(1);
    for (int i = 0; i < 50; ++i) pool.push([&] { ++ran; });
    pool.stop();
  }
  EXPECT_EQ(ran, 50);
}

}  // namespace
}  // namespace tirage::server
