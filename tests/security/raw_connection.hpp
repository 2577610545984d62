// A raw TCP connection to the server under test (127.0.0.1 only), for attacks
// no HTTP client library would send: endless chunked bodies, bodies without a
// length, header lines without an end, bytes trickled one at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace tirage::testing {

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; connected() tells whether it worked.
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends all of data unless the server closes or stops reading for `patience`; true when all went.
  bool send(std::string_view data, std::chrono::milliseconds patience = std::chrono::milliseconds(5000));
  // Closes the sending side (the server sees the end of the body); receiving still works.
  void finish_sending();
  // Bytes accepted by the kernel so far over the connection's life.
  std::size_t sent() const { return sent_; }
  // Everything the server has sent within `wait` (stops early at EOF). Keeps what was read.
  const std::string& receive(std::chrono::milliseconds wait);
  // The status code of the first answer received so far (0 when none yet).
  int status() const;
  // True once the server has closed its side (EOF or reset seen by send or receive).
  bool closed_by_server() const { return closed_; }

 private:
  int fd_ = -1;
  std::size_t sent_ = 0;
  bool closed_ = false;
  std::string received_;
};

// Milliseconds for one GET /healthz over a fresh connection; -1 when no answer came within limit.
long healthz_milliseconds(int port, std::chrono::milliseconds limit = std::chrono::milliseconds(5000));

}  // namespace tirage::testing
