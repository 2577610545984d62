// Loads the JSON test vectors in tests/vectors/ (the path is compiled in, so
// the same test binary works natively and in Wasm under Node with NODERAWFS).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "shared/protocol/jcs.hpp"

namespace tirage::testing {

// The parsed vector file; fails the current test (and returns null) when it is missing or invalid.
inline Json load_vector(const std::string& relative_path) {
  std::ifstream in(std::string(TIRAGE_VECTORS_DIR) + "/" + relative_path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing vector file tests/vectors/" << relative_path;
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = parse_json(ss.str());
  EXPECT_TRUE(j.ok()) << relative_path << ": " << (j ? "" : j.error().message);
  return j ? *j : Json();
}

// A bundle vector with what its NAME.expect.json says: description, verified, failing_step, failing_check.
struct BundleCase {
  std::string name;  // NAME.json, under tests/vectors/bundle/
  Json expect;
};

// Every case of tests/vectors/bundle/ in name order, read from the folder (a new case is new files, no code).
// Fails the current test for a bundle without its NAME.expect.json or an expect file without its bundle.
inline std::vector<BundleCase> bundle_cases() {
  namespace fs = std::filesystem;
  const std::string dir = std::string(TIRAGE_VECTORS_DIR) + "/bundle";
  const std::string suffix = ".expect.json";
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename().string());
  EXPECT_FALSE(ec) << dir << ": " << ec.message();
  std::sort(names.begin(), names.end());
  const auto has = [&](const std::string& n) { return std::binary_search(names.begin(), names.end(), n); };
  std::vector<BundleCase> cases;
  for (const auto& n : names) {
    const bool is_expect = n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0;
    if (is_expect) {
      const std::string bundle = n.substr(0, n.size() - suffix.size()) + ".json";
      EXPECT_TRUE(has(bundle)) << "tests/vectors/bundle/" << n << " describes a bundle that is not there";
      if (has(bundle)) cases.push_back({bundle, load_vector("bundle/" + n)});
    } else if (n != "keys.json") {
      EXPECT_TRUE(has(n.substr(0, n.size() - 5) + suffix)) << "tests/vectors/bundle/" << n << " has no " << suffix
                                                           << " saying what it is and how it ends";
    }
  }
  EXPECT_FALSE(cases.empty()) << "no bundle vectors under " << dir;
  return cases;
}

}  // namespace tirage::testing
