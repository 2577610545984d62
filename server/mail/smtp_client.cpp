#include "server/mail/smtp_client.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <ctime>

#include "server/random.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

namespace {

class Connection {
 public:
  Connection(int fd, int timeout_ms) : fd_(fd), timeout_ms_(timeout_ms) {}
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  Status send(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return make_error("smtp", "connection lost while sending");
      done += static_cast<std::size_t>(n);
    }
    return {};
  }
  // Reads one (possibly multi-line) reply; returns it with its 3-digit code.
  Result<std::pair<int, std::string>> reply() {
    std::string all;
    for (;;) {
      auto line = read_line();
      if (!line) return line.error();
      all += *line + " ";
      if (line->size() < 4) return make_error("smtp", "malformed reply: " + *line);
      if ((*line)[3] != '-') return std::make_pair(std::atoi(line->substr(0, 3).c_str()), all);
    }
  }

 private:
  Result<std::string> read_line() {
    for (;;) {
      auto nl = buf_.find("\r\n");
      if (nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 2);
        return line;
      }
      if (buf_.size() > 64 * 1024) return make_error("smtp", "reply line too long");
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, timeout_ms_) <= 0) return make_error("smtp", "timed out waiting for the server");
      char tmp[4096];
      ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) return make_error("smtp", "connection closed by the server");
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }
  int fd_;
  int timeout_ms_;
  std::string buf_;
};

Result<int> connect_to(const SmtpTarget& t, int timeout_ms) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (::getaddrinfo(t.host.c_str(), std::to_string(t.port).c_str(), &hints, &res) != 0)
    return make_error("smtp", "cannot resolve " + t.host);
  int fd = -1;
  for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(res);
  if (fd < 0) return make_error("smtp", "cannot connect to " + t.host + ":" + std::to_string(t.port));
  return fd;
}

std::string base64(const std::string& in) {
  static constexpr char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8 |
                 static_cast<unsigned char>(in[i + 2]);
    out += {k[v >> 18], k[v >> 12 & 63], k[v >> 6 & 63], k[v & 63]};
  }
  if (i + 1 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {k[v >> 18], k[v >> 12 & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8;
    out += {k[v >> 18], k[v >> 12 & 63], k[v >> 6 & 63], '='};
  }
  return out;
}

// Base64 in lines of 76 characters, as MIME wants.
std::string base64_lines(const std::string& in) {
  std::string b = base64(in), out;
  for (std::size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

bool header_safe(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

}  // namespace

Result<SmtpTarget> parse_smtp_url(const std::string& url) {
  const std::string prefix = "smtp://";
  if (url.rfind(prefix, 0) != 0) return make_error("usage", "--smtp-url must look like smtp://host:port");
  std::string rest = url.substr(prefix.size());
  SmtpTarget t;
  auto colon = rest.rfind(':');
  t.host = rest.substr(0, colon);
  if (colon != std::string::npos) t.port = std::atoi(rest.substr(colon + 1).c_str());
  if (t.host.empty() || t.port <= 0 || t.port > 65535) return make_error("usage", "--smtp-url has a bad host or port");
  return t;
}

Status smtp_send(const SmtpTarget& target, const std::string& from, const std::string& to, const MailContent& mail,
                 int timeout_ms) {
  if (!header_safe(from) || !header_safe(to) || !header_safe(mail.subject))
    return make_error("smtp", "a header holds a line break");
  auto fd = connect_to(target, timeout_ms);
  if (!fd) return fd.error();
  Connection c(*fd, timeout_ms);
  auto expect = [&](int code) -> Status {
    auto r = c.reply();
    if (!r) return r.error();
    if (r->first != code) return make_error("smtp", "server replied: " + r->second);
    return {};
  };
  const std::string address = from.find('<') != std::string::npos
                                  ? from.substr(from.find('<') + 1, from.find('>') - from.find('<') - 1)
                                  : from;
  const std::string boundary = "tirage-" + random_token().substr(0, 24);
  std::string msg = "From: " + from + "\r\nTo: <" + to + ">\r\nSubject: =?UTF-8?B?" + base64(mail.subject) +
                    "?=\r\nDate: " + format_rfc3339(std::time(nullptr)) + "\r\nMessage-ID: <" + random_token().substr(0, 32) +
                    "@tirage>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"" + boundary +
                    "\"\r\n\r\n--" + boundary +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                    base64_lines(mail.text) + "--" + boundary +
                    "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                    base64_lines(mail.html) + "--" + boundary + "--\r\n";
  // Base64 bodies have no line starting with '.', so no dot-stuffing is needed.
  TIRAGE_TRY(expect(220));
  TIRAGE_TRY(c.send("EHLO tirage\r\n"));
  TIRAGE_TRY(expect(250));
  TIRAGE_TRY(c.send("MAIL FROM:<" + address + ">\r\n"));
  TIRAGE_TRY(expect(250));
  TIRAGE_TRY(c.send("RCPT TO:<" + to + ">\r\n"));
  TIRAGE_TRY(expect(250));
  TIRAGE_TRY(c.send("DATA\r\n"));
  TIRAGE_TRY(expect(354));
  TIRAGE_TRY(c.send(msg + ".\r\n"));
  TIRAGE_TRY(expect(250));
  (void)c.send("QUIT\r\n");
  return {};
}

}  // namespace tirage::server
