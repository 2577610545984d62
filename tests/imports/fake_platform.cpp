#include "tests/imports/fake_platform.hpp"

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace tirage::testing {

FakePlatform::FakePlatform(const std::string& name, int comments) : dir_(make_temp_dir("fake-" + name)), port_(free_port()) {
  process_.start({"/usr/bin/python3", std::string(TIRAGE_FAKES) + "/fake_" + name + ".py", "--port", std::to_string(port_),
                  "--comments", std::to_string(comments)},
                 dir_ + "/fake.log");
  httplib::Client c(url());
  for (int i = 0; i < 200 && !process_.exited(); ++i) {
    if (auto r = c.Get("/_fake/stats"); r && r->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the " + name + " fake did not start (see " + dir_ + "/fake.log)");
}

FakePlatform::~FakePlatform() {
  process_.kill_now();
  std::filesystem::remove_all(dir_);
}

void FakePlatform::configure(const Json& settings) {
  httplib::Client c(url());
  auto r = c.Post("/_fake/config", settings.dump(), "application/json");
  if (!r || r->status != 200) throw std::runtime_error("cannot configure the fake at " + url());
}

Json FakePlatform::stats() const {
  httplib::Client c(url());
  auto r = c.Get("/_fake/stats");
  if (!r || r->status != 200) throw std::runtime_error("cannot read the fake's stats at " + url());
  return Json::parse(r->body);
}

}  // namespace tirage::testing
