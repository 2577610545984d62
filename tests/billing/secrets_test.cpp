// Stripe secrets come from the environment or from files only their owner can read.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "server/billing/billing_setup.hpp"

namespace tirage::server {
namespace {

struct Env {
  ~Env() {
    ::unsetenv("TIRAGE_TEST_SECRET");
    ::unsetenv("TIRAGE_TEST_SECRET_FILE");
  }
};

std::string secret_file(const std::string& text, mode_t mode) {
  const std::string path = (std::filesystem::temp_directory_path() / ("tirage-secret-" + std::to_string(::getpid()))).string();
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
  return path;
}

TEST(StripeSecrets, TheEnvironmentComesFirstThenAnOwnerOnlyFile) {
  Env env;
  EXPECT_EQ(*read_secret("TIRAGE_TEST_SECRET"), "");  // neither set: payments stay off
  const std::string path = secret_file("sk_test_from_file\n", 0600);
  ::setenv("TIRAGE_TEST_SECRET_FILE", path.c_str(), 1);
  EXPECT_EQ(*read_secret("TIRAGE_TEST_SECRET"), "sk_test_from_file");
  ::setenv("TIRAGE_TEST_SECRET", "sk_test_from_env", 1);
  EXPECT_EQ(*read_secret("TIRAGE_TEST_SECRET"), "sk_test_from_env");
  std::filesystem::remove(path);
}

TEST(StripeSecrets, AFileOthersCanReadIsRefusedWithoutShowingTheSecret) {
  Env env;
  const std::string path = secret_file("sk_live_do_not_print", 0644);
  ::setenv("TIRAGE_TEST_SECRET_FILE", path.c_str(), 1);
  auto r = read_secret("TIRAGE_TEST_SECRET");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("chmod 600"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("do_not_print"), std::string::npos);
  ::chmod(path.c_str(), 0600);
  std::ofstream(path, std::ios::trunc) << "\n";
  EXPECT_FALSE(read_secret("TIRAGE_TEST_SECRET"));  // empty
  std::filesystem::remove(path);
  EXPECT_FALSE(read_secret("TIRAGE_TEST_SECRET"));  // missing
}

}  // namespace
}  // namespace tirage::server
