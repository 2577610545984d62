// The `tirage` tool run as scripts run it: the real binary (TIRAGE_CLI)
// through /bin/sh, files for stdin, stdout and stderr, in a fresh directory
// per test.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tirage::testing {

struct Outcome {
  int code = -1;
  std::string out, err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tirage-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    ASSERT_TRUE(std::filesystem::exists(TIRAGE_CLI)) << "the tool is missing at " << TIRAGE_CLI << " (build it first)";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(path(name), std::ios::binary) << content;
    return path(name);
  }

  static std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // Runs `tirage ARGS` with stdin_text on stdin.
  Outcome tirage(const std::string& args, const std::string& stdin_text = "") const {
    write("stdin", stdin_text);
    std::string cmd = std::string("'") + TIRAGE_CLI + "' " + args + " < '" + path("stdin") + "' > '" + path("out") +
                      "' 2> '" + path("err") + "'";
    int status = std::system(cmd.c_str());
    Outcome r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(path("out"));
    r.err = slurp(path("err"));
    return r;
  }

  std::filesystem::path dir_;
};

}  // namespace tirage::testing
