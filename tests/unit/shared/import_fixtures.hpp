// Reads a fixture of tests/vectors/import/ as bytes (the path is compiled in,
// so the same test runs natively and in Wasm under Node with NODERAWFS).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace tirage::testing {

// The file's bytes; fails the current test when it is missing.
inline std::string read_import_fixture(const std::string& name) {
  std::ifstream in(std::string(TIRAGE_VECTORS_DIR) + "/import/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture tests/vectors/import/" << name
                         << " (regenerate with tests/vectors/import/make_fixtures.py)";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace tirage::testing
