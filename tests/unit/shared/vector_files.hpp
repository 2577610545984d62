// Loads the JSON test vectors in tests/vectors/ (the path is compiled in, so
// the same test binary works natively and in Wasm under Node with NODERAWFS).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace tirage::testing
