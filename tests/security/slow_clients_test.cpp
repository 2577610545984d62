// Attacks by patience rather than volume: many connections that send a
// request a byte at a time (slowloris), that send nothing, or that make the
// server wait on a slow outside service. /healthz must still answer within a
// second while they last.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "shared/core/time.hpp"
#include "tests/integration/harness.hpp"
#include "tests/security/attack_report.hpp"
#include "tests/security/raw_connection.hpp"

namespace tirage::testing {
namespace {

using namespace std::chrono_literals;
constexpr int kSlowClients = 64;
constexpr long kHealthzBudgetMs = 1000;

// n connections that send head, then one more byte of `drip` each every 250 ms, until destroyed.
class Tricklers {
 public:
  Tricklers(int port, int n, const std::string& head, char drip) {
    for (int i = 0; i < n; ++i) {
      conns_.push_back(std::make_unique<RawConnection>(port));
      if (!head.empty()) conns_.back()->send(head, 200ms);
    }
    if (drip == 0) return;
    thread_ = std::thread([this, drip] {
      while (!stop_) {
        for (auto& c : conns_) c->send(std::string(1, drip), 5ms);
        for (int i = 0; i < 25 && !stop_; ++i) std::this_thread::sleep_for(10ms);
      }
    });
  }
  ~Tricklers() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int connected() const {
    int n = 0;
    for (const auto& c : conns_) n += c->connected() ? 1 : 0;
    return n;
  }

 private:
  std::vector<std::unique_ptr<RawConnection>> conns_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Times /healthz three times, half a second apart; the slowest (-1: one did not answer within 5 s).
long slowest_healthz(int port) {
  long worst = 0;
  for (int i = 0; i < 3; ++i) {
    const long ms = healthz_milliseconds(port, 5000ms);
    if (ms < 0) return -1;
    worst = std::max(worst, ms);
    std::this_thread::sleep_for(500ms);
  }
  return worst;
}

std::string healthz_outcome(long ms, const std::string& while_what) {
  return (ms < 0 ? std::string("/healthz did not answer within 5 s") : "/healthz answered within " + std::to_string(ms) + " ms") +
         " while " + while_what;
}

TEST(SlowClients, SixtyFourBodiesTrickledAByteAtATime) {
  ServerUnderTest server;
  server.start();
  Tricklers slow(server.port(), kSlowClients,
                 "POST /api/v1/accounts/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Content-Length: 100000\r\n\r\n{",
                 ' ');
  ASSERT_EQ(slow.connected(), kSlowClients);
  std::this_thread::sleep_for(1000ms);
  const long ms = slowest_healthz(server.port());
  attack_outcome(healthz_outcome(ms, "64 clients trickle a body (one byte per 250 ms each)"));
  EXPECT_GE(ms, 0);
  EXPECT_LT(ms, kHealthzBudgetMs);
}

TEST(SlowClients, SixtyFourHeadersTrickledAByteAtATime) {
  ServerUnderTest server;
  server.start();
  Tricklers slow(server.port(), kSlowClients, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", 'z');
  ASSERT_EQ(slow.connected(), kSlowClients);
  std::this_thread::sleep_for(1000ms);
  const long ms = slowest_healthz(server.port());
  attack_outcome(healthz_outcome(ms, "64 clients trickle their headers (one byte per 250 ms each)"));
  EXPECT_GE(ms, 0);
  EXPECT_LT(ms, kHealthzBudgetMs);
}

TEST(SlowClients, FiveHundredConnectionsThatSendNothing) {
  ServerUnderTest server;
  server.start();
  Tricklers idle(server.port(), 500, "", 0);
  ASSERT_EQ(idle.connected(), 500);
  std::this_thread::sleep_for(500ms);
  const long ms = slowest_healthz(server.port());
  attack_outcome(healthz_outcome(ms, "500 connections are open and silent"));
  EXPECT_GE(ms, 0);
  EXPECT_LT(ms, kHealthzBudgetMs);
}

// Anonymous reads of a drand draw whose round the relay is slow to give: the
// wait for drand must not hold the threads that answer everyone else.
TEST(SlowClients, SixtyFourReadsWaitingOnASlowDrandRelay) {
  FakeDrand relay({"--slow-rounds-ms", "20000"});
  ServerUnderTest server({"--beacon", "drand", "--drand-chain", relay.chain_file(), "--drand-urls", relay.url(),
                          "--drand-timeout-ms", "3000"});
  server.start();
  const std::string key = server.add_organizer("slow-drand@example.com");
  auto created = server.post("/api/v1/draws",
                             Json{{"giveaway_id", "g_slow"}, {"title", "Slow relay"}, {"participants_root", std::string(64, 'a')},
                                  {"participants_count", 10}, {"winners", 1}, {"beacon", Json{{"source", "drand"}}}},
                             bearer(key));
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string id = created.body["draw_id"];
  auto draw_at = parse_rfc3339(created.body["draw_at"].get<std::string>());
  ASSERT_TRUE(draw_at.ok());
  while (std::chrono::system_clock::now() < std::chrono::system_clock::from_time_t(*draw_at + 1))
    std::this_thread::sleep_for(200ms);
  Tricklers readers(server.port(), kSlowClients,
                    "GET /api/v1/draws/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 0);
  ASSERT_EQ(readers.connected(), kSlowClients);
  std::this_thread::sleep_for(300ms);
  const long ms = slowest_healthz(server.port());
  attack_outcome(healthz_outcome(ms, "64 anonymous reads wait for a drand round the relay takes 20 s to give"));
  EXPECT_GE(ms, 0);
  EXPECT_LT(ms, kHealthzBudgetMs);
}

}  // namespace
}  // namespace tirage::testing
