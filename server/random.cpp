#include "server/random.hpp"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace tirage::server {

Bytes random_bytes(std::size_t n) {
  Bytes out(n);
  if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    std::fputs("tirage-server: the system random generator failed\n", stderr);
    std::abort();
  }
  return out;
}

std::string random_id(std::string_view prefix) { return std::string(prefix) + to_hex(random_bytes(12)); }

std::string random_token() { return to_hex(random_bytes(32)); }

}  // namespace tirage::server
