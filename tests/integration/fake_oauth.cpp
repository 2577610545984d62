#include "tests/integration/fake_oauth.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace tirage::testing {

FakeOAuth::FakeOAuth() : dir_(make_temp_dir("oauth-secrets")), port_(free_port()) {
  const std::string google_secret_file = dir_ + "/google_secret";
  std::ofstream(google_secret_file) << "google-secret-1\n";
  ::chmod(google_secret_file.c_str(), 0600);
  ::setenv("TIRAGE_TOKEN_KEY", kTokenKey, 1);
  ::setenv("TIRAGE_GOOGLE_CLIENT_ID", "google-client-1", 1);
  ::setenv("TIRAGE_GOOGLE_CLIENT_SECRET_FILE", google_secret_file.c_str(), 1);
  ::setenv("TIRAGE_FACEBOOK_CLIENT_ID", "fb-app-1", 1);
  ::setenv("TIRAGE_FACEBOOK_CLIENT_SECRET", kFacebookSecret, 1);
  ::setenv("TIRAGE_INSTAGRAM_CLIENT_ID", "ig-app-1", 1);
  ::setenv("TIRAGE_INSTAGRAM_CLIENT_SECRET", kInstagramSecret, 1);
  ::setenv("TIRAGE_X_CLIENT_ID", "x-client-1", 1);
  ::setenv("TIRAGE_X_CLIENT_SECRET", "x-secret-1", 1);
  ::setenv("TIRAGE_TIKTOK_CLIENT_ID", "tt-key-1", 1);
  ::setenv("TIRAGE_TIKTOK_CLIENT_SECRET", "tt-secret-1", 1);
  process_.start({"/usr/bin/python3", std::string(TIRAGE_FAKES) + "/fake_oauth.py", std::to_string(port_),
                  "google:google-client-1:google-secret-1", std::string("facebook:fb-app-1:") + kFacebookSecret,
                  std::string("instagram:ig-app-1:") + kInstagramSecret, "x:x-client-1:x-secret-1", "tiktok:tt-key-1:tt-secret-1"},
                 dir_ + "/fake.log");
  httplib::Client c("127.0.0.1", port_);
  for (int i = 0; i < 100; ++i) {
    if (auto r = c.Get("/_fake/log"); r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

FakeOAuth::~FakeOAuth() {
  for (const char* name : {"TIRAGE_TOKEN_KEY", "TIRAGE_GOOGLE_CLIENT_ID", "TIRAGE_GOOGLE_CLIENT_SECRET_FILE", "TIRAGE_FACEBOOK_CLIENT_ID",
                           "TIRAGE_FACEBOOK_CLIENT_SECRET", "TIRAGE_INSTAGRAM_CLIENT_ID", "TIRAGE_INSTAGRAM_CLIENT_SECRET", "TIRAGE_X_CLIENT_ID",
                           "TIRAGE_X_CLIENT_SECRET", "TIRAGE_TIKTOK_CLIENT_ID", "TIRAGE_TIKTOK_CLIENT_SECRET"})
    ::unsetenv(name);
  process_.kill_now();
  std::filesystem::remove_all(dir_);
}

Json FakeOAuth::call(const std::string& path, const Json& body) const {
  httplib::Client c("127.0.0.1", port_);
  auto r = body.is_null() ? c.Get(path.c_str()) : c.Post(path.c_str(), body.dump(), "application/json");
  EXPECT_TRUE(r && r->status == 200) << path;
  return r ? *parse_json(r->body) : Json();
}

}  // namespace tirage::testing
