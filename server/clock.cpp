#include "server/clock.hpp"

#include <chrono>

namespace tirage::server {

UnixSeconds now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace tirage::server
