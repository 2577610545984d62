#include "tests/security/process_watch.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

namespace tirage::testing {

long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

long cpu_milliseconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;  // state .. cmajflt
  long utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) * 1000 / sysconf(_SC_CLK_TCK);
}

PeakMemory::PeakMemory(pid_t pid) : pid_(pid), start_(rss_kib(pid)), peak_(start_) {
  sampler_ = std::thread([this] {
    while (!done_) {
      const long now = rss_kib(pid_);
      if (now > peak_) peak_ = now;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
}

PeakMemory::~PeakMemory() {
  done_ = true;
  if (sampler_.joinable()) sampler_.join();
}

long PeakMemory::stop_growth_mib() {
  done_ = true;
  if (sampler_.joinable()) sampler_.join();
  const long now = rss_kib(pid_);
  if (now > peak_) peak_ = now;
  return (peak_ - start_) / 1024;
}

}  // namespace tirage::testing
