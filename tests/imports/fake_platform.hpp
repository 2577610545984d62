// A platform fake (tests/fakes/fake_*.py) as a child process on a free port,
// with its control endpoints: inject faults, read what it served.
#pragma once

#include <string>

#include "tests/integration/harness.hpp"

namespace tirage::testing {

class FakePlatform {
 public:
  // Starts tests/fakes/fake_{name}.py with --comments n and waits until it answers.
  FakePlatform(const std::string& name, int comments);
  ~FakePlatform();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Merges settings into the fake's configuration (POST /_fake/config).
  void configure(const Json& settings);
  // GET /_fake/stats: requests, page_requests, offsets, tokens, times.
  Json stats() const;

 private:
  std::string dir_;
  int port_;
  Process process_;
};

}  // namespace tirage::testing
