// Seed, stream, uniform() and the partial Fisher–Yates selection
// (docs/protocol.md sections 3 and 4): known answers, properties, and uniformity.
#include "shared/protocol/selection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <set>

#include "shared/crypto/sha256.hpp"

namespace tirage {
namespace {

Hash seed_of(int i) { return sha256(std::string_view("test seed " + std::to_string(i))); }

std::uint64_t be64(const std::uint8_t* p) {
  std::uint64_t x = 0;
  for (int i = 0; i < 8; ++i) x = x << 8 | p[i];
  return x;
}

TEST(Seed, IsTheHashOfTheDomainTagCommitmentAndBeacon) {
  Hash commitment = sha256(std::string_view("commitment")), beacon = sha256(std::string_view("beacon"));
  Bytes message;
  for (char c : std::string("tirage/seed/v1")) message.push_back(static_cast<std::uint8_t>(c));
  message.push_back(0);
  message.insert(message.end(), commitment.begin(), commitment.end());
  message.insert(message.end(), beacon.begin(), beacon.end());
  EXPECT_EQ(draw_seed(commitment, beacon), sha256(message));
}

TEST(Stream, ReadsBigEndianWordsFromCounterBlocks) {
  const Hash seed = seed_of(1);
  RandomStream s(seed);
  for (std::uint64_t j = 0; j < 3; ++j) {
    Bytes block_input(seed.begin(), seed.end());
    for (int b = 0; b < 8; ++b) block_input.push_back(static_cast<std::uint8_t>(j >> (56 - 8 * b)));
    const Hash block = sha256(block_input);
    for (int w = 0; w < 4; ++w) EXPECT_EQ(s.next_u64(), be64(block.data() + 8 * w)) << "block " << j << " word " << w;
  }
}

TEST(Uniform, OneAndTwo) {
  RandomStream s(seed_of(2));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(s.uniform(1), 0u);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 100; ++i) {
    auto v = s.uniform(2);
    ASSERT_LT(v, 2u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 2u);
}

// n = 2^63 + 1: limit = 2^63 + 1, so about half of all words are rejected.
// The result must be the first raw word below the limit, reduced mod n.
TEST(Uniform, TwoToThe63PlusOneRejectsWordsAtOrAboveTheLimit) {
  const std::uint64_t n = (std::uint64_t{1} << 63) + 1, limit = n;
  int rejections_seen = 0;
  for (int i = 0; i < 32; ++i) {
    RandomStream raw(seed_of(100 + i)), s(seed_of(100 + i));
    std::uint64_t x;
    int skipped = 0;
    while ((x = raw.next_u64()) >= limit) ++skipped;
    rejections_seen += skipped > 0;
    const std::uint64_t got = s.uniform(n);
    EXPECT_EQ(got, x % n);
    EXPECT_LT(got, n);
  }
  EXPECT_GT(rejections_seen, 0) << "no seed exercised the rejection branch";
}

TEST(Uniform, MaximumRange) {
  RandomStream raw(seed_of(3)), s(seed_of(3));
  const std::uint64_t n = std::numeric_limits<std::uint64_t>::max();  // 2^64 - 1: only one word rejected
  for (int i = 0; i < 50; ++i) {
    std::uint64_t x = raw.next_u64();
    if (x == n) x = raw.next_u64();  // the one value at the limit
    EXPECT_EQ(s.uniform(n), x % n);
  }
}

double chi_square(const std::vector<double>& counts, double expected) {
  double chi = 0;
  for (double c : counts) chi += (c - expected) * (c - expected) / expected;
  return chi;
}

// With n ≈ 2/3 · 2^64, `x mod n` gives the lower half of [0, n) twice the
// weight of the upper half. uniform() must pass a chi-square test that the
// naive reduction, fed the same words, fails. Fixed seeds: it cannot flake.
TEST(Uniform, ChiSquareCatchesModuloBias) {
  const std::uint64_t n = std::numeric_limits<std::uint64_t>::max() / 3 * 2;
  constexpr int kBuckets = 10, kSamples = 20000;
  constexpr double kCritical = 27.88;  // chi-square, 9 degrees of freedom, p = 0.001
  std::vector<double> fair(kBuckets), naive(kBuckets);
  RandomStream s(seed_of(4)), raw(seed_of(5));
  const std::uint64_t width = n / kBuckets + 1;
  for (int i = 0; i < kSamples; ++i) {
    fair[s.uniform(n) / width] += 1;
    naive[(raw.next_u64() % n) / width] += 1;
  }
  const double expected = kSamples / static_cast<double>(kBuckets);
  EXPECT_LT(chi_square(fair, expected), kCritical);
  EXPECT_GT(chi_square(naive, expected), kCritical) << "the control should show the bias the test is meant to catch";
}

TEST(Selection, DeterministicAndDistinct) {
  auto a = select_indices(seed_of(6), 1'000'000, 100, 20);
  auto b = select_indices(seed_of(6), 1'000'000, 100, 20);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->winners, b->winners);
  EXPECT_EQ(a->alternates, b->alternates);
  std::set<std::uint64_t> all(a->winners.begin(), a->winners.end());
  all.insert(a->alternates.begin(), a->alternates.end());
  EXPECT_EQ(all.size(), 120u);
  EXPECT_LT(*all.rbegin(), 1'000'000u);
  auto c = select_indices(seed_of(7), 1'000'000, 100, 20);
  EXPECT_NE(a->winners, c->winners);
}

TEST(Selection, MatchesAFullFisherYatesOnASmallArray) {
  for (int t = 0; t < 20; ++t) {
    const std::uint64_t n = 10 + t, k = 3, m = 4;
    std::vector<std::uint64_t> a(n);
    for (std::uint64_t i = 0; i < n; ++i) a[i] = i;
    RandomStream s(seed_of(200 + t));
    for (std::uint64_t i = 0; i < k + m; ++i) std::swap(a[i], a[i + s.uniform(n - i)]);
    auto sel = select_indices(seed_of(200 + t), n, k, m);
    ASSERT_TRUE(sel.ok());
    EXPECT_EQ(sel->winners, std::vector<std::uint64_t>(a.begin(), a.begin() + k));
    EXPECT_EQ(sel->alternates, std::vector<std::uint64_t>(a.begin() + k, a.begin() + k + m));
  }
}

TEST(Selection, EveryoneSelectedIsAPermutation) {
  auto sel = select_indices(seed_of(8), 50, 30, 20);
  ASSERT_TRUE(sel.ok());
  std::vector<std::uint64_t> all = sel->winners;
  all.insert(all.end(), sel->alternates.begin(), sel->alternates.end());
  std::sort(all.begin(), all.end());
  for (std::uint64_t i = 0; i < 50; ++i) EXPECT_EQ(all[i], i);
}

TEST(Selection, RejectsImpossibleCounts) {
  EXPECT_FALSE(select_indices(seed_of(9), 10, 0, 0).ok());
  EXPECT_FALSE(select_indices(seed_of(9), 10, 8, 3).ok());
  EXPECT_FALSE(select_indices(seed_of(9), 0, 1, 0).ok());
  EXPECT_FALSE(select_indices(seed_of(9), 5, 1, std::numeric_limits<std::uint64_t>::max()).ok());
  EXPECT_TRUE(select_indices(seed_of(9), 1, 1, 0).ok());
}

// The first winner among 7 over many seeds: each index equally likely.
TEST(Selection, FirstWinnerIsUniform) {
  constexpr int kN = 7, kDraws = 7000;
  constexpr double kCritical = 22.46;  // 6 degrees of freedom, p = 0.001
  std::vector<double> counts(kN);
  for (int i = 0; i < kDraws; ++i) counts[(*select_indices(seed_of(1000 + i), kN, 1, 0)).winners[0]] += 1;
  EXPECT_LT(chi_square(counts, kDraws / static_cast<double>(kN)), kCritical);
}

TEST(Selection, TenMillionParticipantsUseMemoryForPicksOnly) {
  auto sel = select_indices(seed_of(10), 10'000'000, 100, 10);
  ASSERT_TRUE(sel.ok());
  EXPECT_EQ(sel->winners.size(), 100u);
  EXPECT_EQ(sel->alternates.size(), 10u);
}

}  // namespace
}  // namespace tirage
