// Attacks by repetition on the public reads that cost the server the most: the
// log's entries, inclusion proofs over large published lists, and certificate
// PDFs. A loop of anonymous requests must cost little CPU per request: the
// answers are bounded and cached.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "shared/core/hex.hpp"
#include "shared/protocol/merkle.hpp"
#include "tests/integration/harness.hpp"
#include "tests/security/attack_report.hpp"
#include "tests/security/process_watch.hpp"

namespace tirage::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kLogDraws = 300;
constexpr int kInclusionDraws = 5;
constexpr std::size_t kLeavesPerDraw = 100000;

class PublicReads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerUnderTest();
    server_->start();
    key_ = server_->add_organizer("reads@example.com");
    dir_ = make_temp_dir("public-reads");
    // One drawn draw (its certificate), then enough commitments to fill the log's first page.
    write_participants(dir_ + "/p.jsonl", 30);
    auto drawn = server_->post("/api/v1/draws", draw_body(dir_ + "/p.jsonl", 2, 1, "local", "g_reads"), bearer(key_));
    drawn_ = drawn.body["draw_id"];
    for (int i = 0; i < kLogDraws; ++i) create_draw(std::string(64, 'b'), 10);
    // Draws whose 100,000 leaf hashes are published for inclusion checks.
    std::mt19937_64 random(42);
    for (int d = 0; d < kInclusionDraws; ++d) {
      std::vector<Hash> leaves(kLeavesPerDraw);
      for (auto& h : leaves)
        for (auto& b : h) b = static_cast<std::uint8_t>(random());
      const std::string id = create_draw(to_hex(merkle_root(leaves)), kLeavesPerDraw);
      std::string bytes(reinterpret_cast<const char*>(leaves.data()), leaves.size() * 32);
      for (std::size_t off = 0; off < bytes.size(); off += 1 << 20) {
        auto r = server_->post_raw("/api/v1/draws/" + id + "/leaves?offset=" + std::to_string(off),
                                   bytes.substr(off, 1 << 20), "application/octet-stream", bearer(key_));
        if (r.status != 200) throw std::runtime_error("leaves upload: " + r.raw);
      }
      inclusion_.push_back({id, to_hex(leaves[static_cast<std::size_t>(d) * 7919])});
    }
    wait_for_beacon(*server_, drawn_);
    auto result = server_->post("/api/v1/draws/" + drawn_ + "/result",
                                result_body_from_tool(*server_, drawn_, dir_ + "/p.jsonl", 2, 1), bearer(key_));
    if (result.status != 201) throw std::runtime_error("result: " + result.raw);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    std::filesystem::remove_all(dir_);
  }

  static std::string create_draw(const std::string& root, std::size_t count) {
    auto r = server_->post("/api/v1/draws",
                           Json{{"giveaway_id", "g_fill"}, {"title", "Fill"}, {"participants_root", root},
                                {"participants_count", count}, {"winners", 1}, {"beacon", Json{{"source", "local"}}}},
                           bearer(key_));
    if (r.status != 201) throw std::runtime_error("create draw: " + r.raw);
    return r.body["draw_id"];
  }

  struct Loop {
    int requests = 0, ok = 0;
    std::string first_failure;
    long cpu_ms = 0, wall_ms = 0;
    double cpu_per_request() const { return requests ? static_cast<double>(cpu_ms) / requests : 0; }
  };
  // Sends n GETs of path_for(i) one after another over one connection, as a crawler would.
  template <class PathFor>
  static Loop loop(int n, PathFor path_for) {
    httplib::Client c(server_->url());
    c.set_keep_alive(true);
    Loop l;
    const long cpu = cpu_milliseconds(server_->pid());
    const auto start = Clock::now();
    for (int i = 0; i < n; ++i) {
      auto r = c.Get(path_for(i).c_str());
      ++l.requests;
      if (r && r->status == 200) ++l.ok;
      else if (l.first_failure.empty()) l.first_failure = r ? std::to_string(r->status) + " " + r->body.substr(0, 200) : httplib::to_string(r.error());
    }
    l.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    l.cpu_ms = cpu_milliseconds(server_->pid()) - cpu;
    return l;
  }
  static std::string outcome(const Loop& l, const std::string& what) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%d %s (%d answered 200) in %ld ms: server CPU %.2f ms per request", l.requests,
                  what.c_str(), l.ok, l.wall_ms, l.cpu_per_request());
    return buf + (l.first_failure.empty() ? "" : "; first failure: " + l.first_failure);
  }

  static ServerUnderTest* server_;
  static std::string key_, dir_, drawn_;
  static std::vector<std::pair<std::string, std::string>> inclusion_;  // draw id, a leaf of it
};
ServerUnderTest* PublicReads::server_ = nullptr;
std::string PublicReads::key_, PublicReads::dir_, PublicReads::drawn_;
std::vector<std::pair<std::string, std::string>> PublicReads::inclusion_;

TEST_F(PublicReads, LogEntriesPageInALoop) {
  auto l = loop(200, [](int) { return std::string("/api/v1/log/entries?start=0&end=1000"); });
  attack_outcome(outcome(l, "requests for the log's first 1000 entries"));
  EXPECT_EQ(l.ok, l.requests);
  EXPECT_LT(l.cpu_per_request(), 1.0);
}

TEST_F(PublicReads, InclusionLookupsAcrossFiveLargeLists) {
  // 50 lookups (under the per-address limit of 60 a minute), cycling over five lists of 100,000 leaves.
  auto l = loop(50, [](int i) {
    const auto& [id, leaf] = inclusion_[static_cast<std::size_t>(i) % inclusion_.size()];
    return "/api/v1/draws/" + id + "/inclusion?leaf=" + leaf;
  });
  attack_outcome(outcome(l, "inclusion lookups cycling over 5 lists of 100,000 leaves"));
  EXPECT_EQ(l.ok, l.requests);
  EXPECT_LT(l.cpu_per_request(), 10.0);  // the five first lookups build the trees (about 30 ms each), the rest are cached
}

TEST_F(PublicReads, CertificatePdfInALoop) {
  auto l = loop(100, [](int i) { return "/api/v1/draws/" + drawn_ + "/certificate.pdf?lang=" + (i % 2 ? "fr" : "en"); });
  attack_outcome(outcome(l, "certificate PDFs of one draw"));
  EXPECT_EQ(l.ok, l.requests);
  EXPECT_LT(l.cpu_per_request(), 3.0);  // two renders (one per language, about 35 ms each), the rest cached
}

}  // namespace
}  // namespace tirage::testing
