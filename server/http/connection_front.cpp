#include "server/http/connection_front.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/http/worker_pool.hpp"
#include "server/log/event_log.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage::server {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kReadPerEvent = 1 << 20;  // fairness: one connection reads at most this per wake-up
constexpr std::size_t kSendBatch = 64 * 1024;    // an answer is sent as it reaches this, else when complete
constexpr auto kLinger = std::chrono::milliseconds(1000);  // after a refusal, input is discarded this long...
constexpr std::size_t kLingerBytes = 1 << 20;              // ...or this much, so the client can read the answer
constexpr auto kShutdownGrace = std::chrono::seconds(10);  // answers in progress at SIGTERM get this long

const char* reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
  }
}

// A complete answer, with the API's error shape, for a request the front refuses itself.
std::string refusal(int status, const std::string& code, const std::string& message) {
  const std::string body = Json{{"error", {{"code", code}, {"message", message}}}}.dump();
  return "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                      : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  char buf[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    auto* a = reinterpret_cast<sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    port = ntohs(a->sin6_port);
  }
  ip = buf;
}

}  // namespace

// One client connection. The front owns it while reading and writing; a request
// thread owns it while running its request (phase working): never both.
struct Connection {
  enum class Phase { reading, working, writing, lingering };
  explicit Connection(const FramingLimits& limits) : framer(limits) {}
  int fd = -1;
  std::string peer_ip, local_ip;
  int peer_port = 0, local_port = 0;
  Phase phase = Phase::reading;
  std::string in;        // received, not yet framed
  RequestFramer framer;  // the request being read
  std::string request;   // the complete request, re-framed, for cpp-httplib
  std::string out;       // answer bytes not yet sent (from out_pos)
  std::size_t out_pos = 0;
  Clock::time_point deadline, request_start;
  std::size_t served = 0, lingered = 0, accounted = 0;
  bool keep_alive = true, failed = false;
};

struct FrontedServer::Front {
  Front(FrontedServer& s, FrontLimits l) : server(s), limits(l) {}
  ~Front() {
    if (reactor.joinable()) shutdown();
  }

  FrontedServer& server;
  FrontLimits limits;
  std::unique_ptr<WorkerPool> pool;
  int epoll_fd = -1, wake_fd = -1;
  std::thread reactor;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> buffered{0};
  std::unordered_map<int, std::shared_ptr<Connection>> connections;  // reactor-owned
  std::mutex handoff_mu;
  std::vector<int> adopted;                             // accepted sockets, for the reactor
  std::vector<std::shared_ptr<Connection>> returned;  // connections whose request ran

  void start();
  void shutdown();
  void adopt(int fd);
  void wake() {
    const std::uint64_t one = 1;
    (void)!::write(wake_fd, &one, sizeof one);
  }

  // Reactor side.
  void run();
  void take_handoffs();
  void add(int fd);
  void on_event(const std::shared_ptr<Connection>& c, std::uint32_t events);
  void read_from(const std::shared_ptr<Connection>& c);
  void frame(const std::shared_ptr<Connection>& c);
  void flush(const std::shared_ptr<Connection>& c);
  void start_reading(const std::shared_ptr<Connection>& c);
  void refuse(const std::shared_ptr<Connection>& c, int status, const std::string& code, const std::string& message);
  void close(const std::shared_ptr<Connection>& c);
  void expire(Clock::time_point now);
  bool make_room();
  void arm(const std::shared_ptr<Connection>& c, bool first = false);

  // Request-thread side.
  void serve(const std::shared_ptr<Connection>& c);
  void account(Connection& c) {
    const std::size_t now = c.in.size() + c.framer.body_received() + c.request.size() + (c.out.size() - c.out_pos);
    buffered += now;
    buffered -= c.accounted;
    c.accounted = now;
  }
};

// The stream cpp-httplib reads one request from and writes its answer to: the
// request comes from memory; the answer goes to the socket as far as it takes
// it without waiting, and the rest is left for the front to send.
class FrontStream : public httplib::Stream {
 public:
  FrontStream(Connection& c, FrontedServer::Front& front) : c_(c), front_(front) {}

  bool is_readable() const override { return pos_ < c_.request.size(); }
  bool is_writable() const override { return !c_.failed; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, c_.request.size() - pos_);
    std::memcpy(ptr, c_.request.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  // Collected (status line, headers and body go out together), sent as it grows past kSendBatch.
  ssize_t write(const char* ptr, size_t size) override {
    if (c_.failed) return -1;
    c_.out.append(ptr, size);
    if (c_.out.size() - c_.out_pos >= kSendBatch && !send_now()) return fail();
    front_.account(c_);
    // Over the memory budget: this thread sends what it holds before going on.
    if (front_.buffered > front_.limits.max_buffered && !drain()) return fail();
    return static_cast<ssize_t>(size);
  }
  // Sends what the socket takes without waiting; false when the connection broke.
  bool send_now() {
    while (c_.out_pos < c_.out.size()) {
      const ssize_t n = ::send(c_.fd, c_.out.data() + c_.out_pos, c_.out.size() - c_.out_pos, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) c_.out_pos += static_cast<std::size_t>(n);
      else if (n < 0 && errno == EINTR) continue;
      else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      else return false;
    }
    if (c_.out_pos == c_.out.size()) {
      c_.out.clear();
      c_.out_pos = 0;
    }
    return true;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.peer_ip;
    port = c_.peer_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.local_ip;
    port = c_.local_port;
  }
  // cpp-httplib (built without poll) answers 500 to a socket number >= FD_SETSIZE it will never select() here.
  socket_t socket() const override { return c_.fd < FD_SETSIZE ? c_.fd : INVALID_SOCKET; }

 private:
  ssize_t fail() {
    c_.failed = true;
    return -1;
  }
  bool drain() {
    auto last_progress = Clock::now();
    while (c_.out_pos < c_.out.size()) {
      const ssize_t n = ::send(c_.fd, c_.out.data() + c_.out_pos, c_.out.size() - c_.out_pos, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        c_.out_pos += static_cast<std::size_t>(n);
        last_progress = Clock::now();
        continue;
      }
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
      if (Clock::now() - last_progress > front_.limits.write_timeout) return false;
      pollfd p{c_.fd, POLLOUT, 0};
      ::poll(&p, 1, 100);
    }
    c_.out.clear();
    c_.out_pos = 0;
    front_.account(c_);
    return true;
  }

  Connection& c_;
  FrontedServer::Front& front_;
  std::size_t pos_ = 0;
};

// cpp-httplib's task queue, made to hand each accepted socket straight to the
// front (on the accept thread), and to stop the front when the server stops.
class FrontedServer::Queue : public httplib::TaskQueue {
 public:
  explicit Queue(Front& front) : front_(front) { front_.start(); }
  void enqueue(std::function<void()> fn) override { fn(); }  // process_and_close_socket: a hand-off, never blocks
  void shutdown() override { front_.shutdown(); }

 private:
  Front& front_;
};

FrontedServer::FrontedServer(FrontLimits limits) : front_(std::make_unique<Front>(*this, limits)) {
  new_task_queue = [this] { return new Queue(*front_); };
  set_payload_max_length(limits.framing.max_body);
  set_keep_alive_max_count(limits.max_requests_per_connection);
}

FrontedServer::~FrontedServer() = default;

const FrontLimits& FrontedServer::limits() const { return front_->limits; }

bool FrontedServer::process_and_close_socket(socket_t sock) {
  front_->adopt(sock);
  return true;
}

void FrontedServer::Front::start() {
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY && files.rlim_cur > 128 &&
      limits.max_connections > files.rlim_cur - 64) {
    log_event("warn", "connection_limit",
              {{"configured", limits.max_connections}, {"used", files.rlim_cur - 64}, {"reason", "the open-file limit (ulimit -n)"}});
    limits.max_connections = files.rlim_cur - 64;
  }
  // Debian's cpp-httplib listens with a backlog of 5: a burst of new connections would wait for
  // SYN retries (a second and more). Listening again on the bound socket widens it.
  ::listen(server.svr_sock_, SOMAXCONN);
  epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_fd;
  ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &ev);
  pool = std::make_unique<WorkerPool>(limits.threads);
  reactor = std::thread([this] { run(); });
}

void FrontedServer::Front::shutdown() {
  stopping = true;
  wake();
  if (reactor.joinable()) reactor.join();
  if (pool) pool->stop();
  if (wake_fd >= 0) ::close(wake_fd);
  if (epoll_fd >= 0) ::close(epoll_fd);
  wake_fd = epoll_fd = -1;
}

void FrontedServer::Front::adopt(int fd) {
  {
    std::lock_guard lock(handoff_mu);
    adopted.push_back(fd);
  }
  wake();
}

// Every registration is one-shot: an event disarms the socket until the front
// has handled it, so a connection handed to a request thread gets no events,
// and nothing needs removing or adding as it goes back and forth.
void FrontedServer::Front::arm(const std::shared_ptr<Connection>& c, bool first) {
  if (c->fd < 0 || c->phase == Connection::Phase::working) return;
  epoll_event ev{};
  ev.events = EPOLLONESHOT;
  if (c->phase != Connection::Phase::writing) ev.events |= EPOLLIN | EPOLLRDHUP;
  if (c->out_pos < c->out.size()) ev.events |= EPOLLOUT;
  ev.data.fd = c->fd;
  ::epoll_ctl(epoll_fd, first ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, c->fd, &ev);
}

void FrontedServer::Front::run() {
  std::vector<epoll_event> events(256);
  auto stop_by = Clock::time_point::max();
  auto next_sweep = Clock::now();
  for (;;) {
    const int n = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 100);
    for (int i = 0; i < n; ++i) {
      if (events[i].data.fd == wake_fd) {
        std::uint64_t count;
        (void)!::read(wake_fd, &count, sizeof count);
        continue;
      }
      auto it = connections.find(events[i].data.fd);
      if (it == connections.end()) continue;
      const auto c = it->second;  // a copy: closing erases the map's own
      on_event(c, events[i].events);
      arm(c);
    }
    take_handoffs();
    const auto now = Clock::now();
    if (now >= next_sweep) {
      expire(now);
      next_sweep = now + std::chrono::milliseconds(100);
    }
    if (stopping) {
      if (stop_by == Clock::time_point::max()) stop_by = now + kShutdownGrace;
      // Requests not yet complete are dropped; those running finish and their answers are sent.
      std::vector<std::shared_ptr<Connection>> done;
      for (auto& [fd, c] : connections)
        if (c->phase == Connection::Phase::reading || c->phase == Connection::Phase::lingering || now > stop_by)
          if (c->phase != Connection::Phase::working) done.push_back(c);
      for (auto& c : done) close(c);
      if (connections.empty()) break;
    }
  }
}

void FrontedServer::Front::take_handoffs() {
  std::vector<int> fds;
  std::vector<std::shared_ptr<Connection>> back;
  {
    std::lock_guard lock(handoff_mu);
    fds.swap(adopted);
    back.swap(returned);
  }
  for (int fd : fds) add(fd);
  for (auto& c : back) {
    if (c->failed) {
      close(c);
      continue;
    }
    c->keep_alive = c->keep_alive && !stopping;
    c->phase = Connection::Phase::writing;
    c->deadline = Clock::now() + limits.write_timeout;
    flush(c);
    arm(c);
  }
}

void FrontedServer::Front::add(int fd) {
  if (stopping || (connections.size() >= limits.max_connections && !make_room())) {
    const std::string busy = refusal(503, "busy", "the server has too many connections; try again in a moment");
    (void)!::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
    return;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  auto c = std::make_shared<Connection>(limits.framing);
  c->fd = fd;
  address_of(fd, true, c->peer_ip, c->peer_port);
  address_of(fd, false, c->local_ip, c->local_port);
  c->deadline = Clock::now() + limits.idle_timeout;
  connections[fd] = c;
  arm(c, true);
}

// At the connection limit: the longest-idle connection goes, or else the request slowest to arrive.
bool FrontedServer::Front::make_room() {
  std::shared_ptr<Connection> idle, slow;
  for (auto& [fd, c] : connections) {
    if (c->phase != Connection::Phase::reading) continue;
    if (!c->framer.started()) {
      if (!idle || c->deadline < idle->deadline) idle = c;
    } else if (!slow || c->request_start < slow->request_start) {
      slow = c;
    }
  }
  if (idle) close(idle);
  else if (slow) close(slow);  // no answer: it would hold the slot while it lingers
  else return false;
  return connections.size() < limits.max_connections;
}

void FrontedServer::Front::on_event(const std::shared_ptr<Connection>& c, std::uint32_t events) {
  using Phase = Connection::Phase;
  if (c->phase == Phase::working) return;  // not watched while a request thread has it
  if ((events & EPOLLOUT) && (c->phase == Phase::writing || c->phase == Phase::lingering)) flush(c);
  if (c->fd < 0) return;
  if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) && (c->phase == Phase::reading || c->phase == Phase::lingering))
    read_from(c);
  else if (c->phase == Phase::writing && (events & (EPOLLHUP | EPOLLERR)))
    close(c);
}

void FrontedServer::Front::read_from(const std::shared_ptr<Connection>& c) {
  char buf[kReadChunk];
  std::size_t taken = 0;
  while (taken < kReadPerEvent) {
    const ssize_t n = ::recv(c->fd, buf, sizeof buf, 0);
    if (n > 0) {
      taken += static_cast<std::size_t>(n);
      if (c->phase == Connection::Phase::lingering) {
        if ((c->lingered += static_cast<std::size_t>(n)) > kLingerBytes) return close(c);
        continue;
      }
      c->in.append(buf, static_cast<std::size_t>(n));
      if (c->in.size() >= kReadPerEvent) break;  // frame what is here before reading more
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    // The client closed (or the connection broke): a half-sent request is abandoned.
    if (c->phase == Connection::Phase::lingering || c->in.empty() || n < 0) return close(c);
    frame(c);
    if (c->phase == Connection::Phase::reading) close(c);
    return;
  }
  if (c->phase == Connection::Phase::reading) {
    account(*c);
    if (buffered > limits.max_buffered)
      return refuse(c, 503, "busy", "the server is holding too many requests in memory; try again in a moment");
    frame(c);
  }
}

void FrontedServer::Front::frame(const std::shared_ptr<Connection>& c) {
  const bool was_started = c->framer.started();
  const std::size_t used = c->framer.feed(c->in);
  c->in.erase(0, used);
  if (c->framer.take_continue()) {
    static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
    (void)!::send(c->fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
  }
  switch (c->framer.state()) {
    case RequestFramer::State::need_more:
      if (c->framer.started()) {
        if (!was_started) c->request_start = Clock::now();
        // A request has request_timeout, plus a second per min_body_rate body bytes received, up to max_request_time.
        const auto earned = std::chrono::milliseconds(c->framer.body_received() * 1000 / limits.min_body_rate);
        c->deadline = c->request_start + std::min(limits.request_timeout + earned, limits.max_request_time);
      }
      account(*c);
      return;
    case RequestFramer::State::refused:
      return refuse(c, c->framer.status(), c->framer.code(), c->framer.message());
    case RequestFramer::State::complete:
      break;
  }
  c->request = c->framer.take_request();
  c->framer.reset();
  c->phase = Connection::Phase::working;  // its socket is disarmed: frame() runs after an event or a hand-back
  account(*c);
  pool->push([this, c] { serve(c); });
}

namespace {
thread_local std::string_view serving_body;
}  // namespace

std::string_view body_in_flight() { return serving_body; }

void FrontedServer::Front::serve(const std::shared_ptr<Connection>& c) {
  FrontStream stream(*c, *this);
  const bool close_after = stopping || c->served + 1 >= limits.max_requests_per_connection;
  bool closed_by_request = false;
  // The re-framed request is its head, a blank line, then exactly Content-Length body bytes (request_framing.hpp).
  const auto head_end = c->request.find("\r\n\r\n");
  serving_body = head_end == std::string::npos ? std::string_view() : std::string_view(c->request).substr(head_end + 4);
  bool written = server.process_request(stream, close_after, closed_by_request, nullptr);
  serving_body = {};
  written = written && stream.send_now();  // what is left goes out from the front
  ++c->served;
  c->keep_alive = written && !close_after && !closed_by_request;
  c->failed = c->failed || !written;
  c->request.clear();
  c->request.shrink_to_fit();
  account(*c);
  {
    std::lock_guard lock(handoff_mu);
    returned.push_back(c);
  }
  wake();
}

void FrontedServer::Front::flush(const std::shared_ptr<Connection>& c) {
  while (c->out_pos < c->out.size()) {
    const ssize_t n = ::send(c->fd, c->out.data() + c->out_pos, c->out.size() - c->out_pos, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      c->out_pos += static_cast<std::size_t>(n);
      c->deadline = Clock::now() + limits.write_timeout;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      account(*c);
      return;  // EPOLLOUT brings us back
    }
    return close(c);
  }
  c->out.clear();
  c->out.shrink_to_fit();
  c->out_pos = 0;
  account(*c);
  if (c->phase == Connection::Phase::lingering) {
    // A refusal, sent: the client reads it and goes; what it still sends is read and dropped until then.
    ::shutdown(c->fd, SHUT_WR);
    return;
  }
  if (!c->keep_alive) return close(c);
  start_reading(c);
}

void FrontedServer::Front::start_reading(const std::shared_ptr<Connection>& c) {
  c->phase = Connection::Phase::reading;
  c->deadline = Clock::now() + limits.idle_timeout;
  if (!c->in.empty()) frame(c);  // a pipelined request already here
}

void FrontedServer::Front::refuse(const std::shared_ptr<Connection>& c, int status, const std::string& code,
                                  const std::string& message) {
  c->in.clear();
  c->in.shrink_to_fit();
  c->framer.reset();
  c->out = refusal(status, code, message);
  c->out_pos = 0;
  c->keep_alive = false;
  c->phase = Connection::Phase::lingering;
  c->deadline = Clock::now() + kLinger;
  account(*c);
  // The client may still be sending: keep reading (and discarding) briefly so
  // closing does not reset the connection before the answer is read.
  flush(c);
  arm(c);
}

void FrontedServer::Front::close(const std::shared_ptr<Connection>& connection) {
  const auto c = connection;  // the caller's reference may be the map entry erased below
  if (c->fd < 0) return;
  ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c->fd, nullptr);
  ::close(c->fd);
  connections.erase(c->fd);
  c->fd = -1;
  c->in.clear();
  c->out.clear();
  c->out_pos = 0;
  account(*c);
}

void FrontedServer::Front::expire(Clock::time_point now) {
  std::vector<std::shared_ptr<Connection>> late;
  for (auto& [fd, c] : connections)
    if (c->phase != Connection::Phase::working && now > c->deadline) late.push_back(c);
  for (auto& c : late) {
    if (c->phase == Connection::Phase::reading && c->framer.started())
      refuse(c, 408, "timeout", "the request did not arrive in time");
    else
      close(c);
  }
}

}  // namespace tirage::server
