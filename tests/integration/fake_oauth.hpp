// tests/fakes/fake_oauth.py standing in for Google, Facebook, Instagram, X and
// TikTok, with their client ids and secrets and the token key put in this
// process's environment (Google's secret through a 0600 file), so a
// tirage-server started afterwards with --oauth-sandbox url() uses it; the
// variables go with the fake.
#pragma once

#include <string>

#include "shared/protocol/jcs.hpp"
#include "tests/integration/harness.hpp"

namespace tirage::testing {

class FakeOAuth {
 public:
  static constexpr const char* kTokenKey = "8f3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b";
  static constexpr const char* kFacebookSecret = "fb-secret-1";
  static constexpr const char* kInstagramSecret = "ig-secret-1";

  FakeOAuth();
  ~FakeOAuth();
  FakeOAuth(const FakeOAuth&) = delete;
  FakeOAuth& operator=(const FakeOAuth&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  // A folder for the test's own files, removed with the fake.
  const std::string& dir() const { return dir_; }
  // Calls the fake's control API (GET without a body, POST with one); the JSON answer.
  Json call(const std::string& path, const Json& body = nullptr) const;
  // Who authorizes next: {"provider","subject","email","email_verified","name",...}.
  void identity(const Json& who) const { call("/_fake/identity", who); }

 private:
  std::string dir_;
  int port_;
  Process process_;
};

}  // namespace tirage::testing
