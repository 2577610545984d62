// Benchmarks of the protocol core, run natively and in Wasm (make bench).
// Each figure is printed beside the raw SHA-256 rate of 64-byte messages
// measured in the same run on the same side, since machines are shared.
//
//   core_bench [--leaves N ...] [--draw-n N] [--draw-k K]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/merkle.hpp"
#include "shared/protocol/selection.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Hashes per second for 64-byte messages, over at least `min_seconds`.
double raw_sha256_rate(double min_seconds) {
  std::uint8_t msg[64] = {};
  std::uint64_t count = 0;
  auto t0 = Clock::now();
  double elapsed = 0;
  while (elapsed < min_seconds) {
    for (int i = 0; i < 100000; ++i) {
      tirage::Hash h = tirage::sha256(std::span<const std::uint8_t>(msg, 64));
      std::memcpy(msg, h.data(), 8);  // chain so nothing is optimized away
    }
    count += 100000;
    elapsed = seconds_since(t0);
  }
  return static_cast<double>(count) / elapsed;
}

void bench_merkle(std::uint64_t leaves, double raw_rate) {
  // Leaf data: 64 bytes each, generated on the fly (not timed separately).
  std::uint8_t data[64] = {};
  tirage::MerkleRootBuilder builder;
  auto t0 = Clock::now();
  for (std::uint64_t i = 0; i < leaves; ++i) {
    std::memcpy(data, &i, sizeof i);
    builder.add_leaf(std::span<const std::uint8_t>(data, 64));
  }
  tirage::Hash root = builder.root();
  double s = seconds_since(t0);
  // A tree of n leaves costs n leaf hashes and n-1 node hashes.
  double hashes = 2.0 * static_cast<double>(leaves) - 1;
  double rate = hashes / s;
  std::printf("merkle_root leaves=%llu time=%.3fs hashes_per_s=%.0f raw_sha256_64B_per_s=%.0f ratio=%.1f%% root=%s\n",
              static_cast<unsigned long long>(leaves), s, rate, raw_rate, 100.0 * rate / raw_rate,
              tirage::to_hex(root).substr(0, 16).c_str());
}

void bench_draw(std::uint64_t n, std::uint64_t k, double raw_rate) {
  tirage::Hash seed = tirage::sha256(std::string_view("bench seed"));
  // Best of 5 runs: the figure is the selection's cost, not the machine's noise.
  double best = 1e9;
  std::uint64_t first = 0;
  for (int run = 0; run < 5; ++run) {
    seed[0] = static_cast<std::uint8_t>(run);
    auto t0 = Clock::now();
    auto sel = tirage::select_indices(seed, n, k, 0);
    double s = seconds_since(t0);
    if (!sel) {
      std::printf("draw failed: %s\n", sel.error().message.c_str());
      return;
    }
    first = sel->winners[0];
    if (s < best) best = s;
  }
  std::printf("draw n=%llu winners=%llu best_time=%.3fms raw_sha256_64B_per_s=%.0f first_index=%llu\n",
              static_cast<unsigned long long>(n), static_cast<unsigned long long>(k), best * 1e3, raw_rate,
              static_cast<unsigned long long>(first));
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::uint64_t> leaves;
  std::uint64_t draw_n = 10'000'000, draw_k = 100;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string opt = argv[i];
    std::uint64_t v = std::stoull(argv[i + 1]);
    if (opt == "--leaves") leaves.push_back(v);
    else if (opt == "--draw-n") draw_n = v;
    else if (opt == "--draw-k") draw_k = v;
  }
  if (leaves.empty()) leaves = {1'000'000, 10'000'000};
#ifdef __EMSCRIPTEN__
  const char* side = "wasm";
#else
  const char* side = "native";
#endif
  std::printf("side=%s\n", side);
  double raw = raw_sha256_rate(1.0);
  std::printf("raw_sha256_64B_per_s=%.0f\n", raw);
  for (auto n : leaves) bench_merkle(n, raw);
  bench_draw(draw_n, draw_k, raw);
  return 0;
}
