#include "tests/security/raw_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace tirage::testing {

namespace {
using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}
}  // namespace

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  pollfd p{fd_, POLLOUT, 0};
  int err = 0;
  socklen_t len = sizeof err;
  if (::poll(&p, 1, 5000) != 1 || ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view data, std::chrono::milliseconds patience) {
  if (fd_ < 0 || closed_) return false;
  const auto deadline = Clock::now() + patience;
  while (!data.empty()) {
    const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      sent_ += static_cast<std::size_t>(n);
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      closed_ = true;  // EPIPE, ECONNRESET: the server closed the connection
      return false;
    }
    pollfd p{fd_, POLLOUT, 0};
    const int left = remaining_ms(deadline);
    if (left == 0 || ::poll(&p, 1, left) <= 0) return false;
    if (p.revents & (POLLERR | POLLHUP)) {
      closed_ = true;
      return false;
    }
  }
  return true;
}

void RawConnection::finish_sending() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

const std::string& RawConnection::receive(std::chrono::milliseconds wait) {
  if (fd_ < 0) return received_;
  const auto deadline = Clock::now() + wait;
  char buf[16384];
  for (;;) {
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      received_.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      closed_ = true;
      break;
    }
    pollfd p{fd_, POLLIN, 0};
    const int left = remaining_ms(deadline);
    if (left == 0 || ::poll(&p, 1, left) <= 0) break;
  }
  return received_;
}

int RawConnection::status() const {
  if (received_.rfind("HTTP/1.", 0) != 0 || received_.size() < 12) return 0;
  return std::atoi(received_.substr(9, 3).c_str());
}

long healthz_milliseconds(int port, std::chrono::milliseconds limit) {
  const auto start = Clock::now();
  RawConnection c(port);
  if (!c.connected()) return -1;
  c.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", limit);
  while (Clock::now() - start < limit) {
    const std::string& got = c.receive(std::chrono::milliseconds(50));
    if (got.find("\r\n\r\n") != std::string::npos && c.status() == 200)
      return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    if (c.closed_by_server()) break;
  }
  return -1;
}

}  // namespace tirage::testing
