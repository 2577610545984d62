// Login rate limiting: at most 5 failed attempts per email and 30 per client
// address in any 15-minute window; success clears the email's count.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "shared/core/time.hpp"

namespace tirage::server {

class LoginLimiter {
 public:
  static constexpr UnixSeconds kWindow = 15 * 60;
  static constexpr std::size_t kPerEmail = 5, kPerAddress = 30;

  // True when another attempt is allowed now.
  bool allowed(const std::string& email, const std::string& address, UnixSeconds now);
  void failed(const std::string& email, const std::string& address, UnixSeconds now);
  void succeeded(const std::string& email);

 private:
  static void prune(std::deque<UnixSeconds>& q, UnixSeconds now);
  std::mutex mu_;
  std::map<std::string, std::deque<UnixSeconds>> by_email_, by_address_;
};

}  // namespace tirage::server
