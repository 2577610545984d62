#include "server/mail/smtp_client.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <memory>
#include <tuple>
#include <vector>

#include "server/random.hpp"
#include "server/secrets.hpp"
#include "shared/core/base64url.hpp"
#include "shared/core/time.hpp"

namespace tirage::server {

namespace {

std::string openssl_error() {
  const unsigned long e = ERR_get_error();
  if (e == 0) return "no detail from OpenSSL";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

struct Reply {
  int code = 0;
  std::string text;                // every line, joined by spaces (for error messages)
  std::vector<std::string> lines;  // each line without its "250-" / "250 " prefix (EHLO's capabilities)
};

// One SMTP connection: plain TCP until start_tls(), TLS after.
class Connection {
 public:
  Connection(int fd, int timeout_ms) : fd_(fd), timeout_ms_(timeout_ms) {}
  ~Connection() {
    if (ssl_) {
      SSL_shutdown(ssl_.get());
      ssl_.reset();
    }
    if (fd_ >= 0) ::close(fd_);
  }
  bool secure() const { return ssl_ != nullptr; }

  // TLS over the connection, checking the relay's certificate chain and that it names host.
  Status start_tls(const std::string& host, const std::string& ca_file) {
    ctx_.reset(SSL_CTX_new(TLS_client_method()));
    if (!ctx_) return make_error("smtp", "TLS setup failed: " + openssl_error());
    SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
    if (SSL_CTX_set_default_verify_paths(ctx_.get()) != 1) return make_error("smtp", "cannot load the system's CA certificates");
    if (!ca_file.empty() && SSL_CTX_load_verify_locations(ctx_.get(), ca_file.c_str(), nullptr) != 1)
      return make_error("smtp", "cannot load the CA certificates in " + ca_file + ": " + openssl_error());
    ssl_.reset(SSL_new(ctx_.get()));
    if (!ssl_ || SSL_set_fd(ssl_.get(), fd_) != 1) return make_error("smtp", "TLS setup failed: " + openssl_error());
    unsigned char probe[16];
    const bool is_ip = inet_pton(AF_INET, host.c_str(), probe) == 1 || inet_pton(AF_INET6, host.c_str(), probe) == 1;
    if (is_ip) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_.get()), host.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl_.get(), host.c_str());
      SSL_set1_host(ssl_.get(), host.c_str());
    }
    if (SSL_connect(ssl_.get()) != 1) {
      const long verify = SSL_get_verify_result(ssl_.get());
      const std::string why = verify != X509_V_OK ? std::string("the relay's certificate is refused: ") + X509_verify_cert_error_string(verify)
                                                  : openssl_error();
      ssl_.reset();
      return make_error("smtp", "TLS with " + host + " failed: " + why);
    }
    buf_.clear();  // nothing sent in clear before the handshake may be read as if it came over TLS
    return {};
  }

  Status send(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ssl_ ? SSL_write(ssl_.get(), data.data() + done, static_cast<int>(data.size() - done))
                             : ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return make_error("smtp", "connection lost while sending");
      done += static_cast<std::size_t>(n);
    }
    return {};
  }

  // Reads one (possibly multi-line) reply.
  Result<Reply> reply() {
    Reply r;
    for (int lines = 0; lines < 100; ++lines) {
      auto line = read_line();
      if (!line) return line.error();
      r.text += *line + " ";
      if (line->size() < 3) return make_error("smtp", "malformed reply: " + line->substr(0, 200));
      r.lines.push_back(line->size() > 4 ? line->substr(4) : "");
      if (line->size() == 3 || (*line)[3] != '-') {
        r.code = std::atoi(line->substr(0, 3).c_str());
        return r;
      }
    }
    return make_error("smtp", "a reply of more than 100 lines");
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
      if (!ssl_ || SSL_pending(ssl_.get()) == 0) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, timeout_ms_) <= 0) return make_error("smtp", "timed out waiting for the server");
      }
      char tmp[4096];
      const ssize_t n = ssl_ ? SSL_read(ssl_.get(), tmp, sizeof tmp) : ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) return make_error("smtp", "connection closed by the server");
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }
  struct CtxFree {
    void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
  };
  struct SslFree {
    void operator()(SSL* s) const { SSL_free(s); }
  };
  int fd_;
  int timeout_ms_;
  std::string buf_;
  std::unique_ptr<SSL_CTX, CtxFree> ctx_;
  std::unique_ptr<SSL, SslFree> ssl_;
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
    // Bounds blocking sends and the TLS handshake alike.
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(res);
  if (fd < 0) return make_error("smtp", "cannot connect to " + t.host + ":" + std::to_string(t.port));
  return fd;
}

std::string b64(const std::string& s) { return base64_encode(as_bytes(s)); }

// Base64 in lines of 76 characters, as MIME wants.
std::string base64_lines(const std::string& in) {
  std::string b = b64(in), out;
  for (std::size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

bool header_safe(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

// The words of the EHLO capability line that starts with name ("AUTH PLAIN LOGIN" -> {"PLAIN","LOGIN"}); nullopt when absent.
std::optional<std::vector<std::string>> capability(const Reply& ehlo, const std::string& name) {
  for (std::size_t i = 1; i < ehlo.lines.size(); ++i) {  // the first line is the greeting
    std::string line = ehlo.lines[i];
    for (char& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (line.rfind(name, 0) != 0 || (line.size() > name.size() && line[name.size()] != ' ' && line[name.size()] != '=')) continue;
    std::vector<std::string> words;
    std::size_t at = name.size();
    while (at < line.size()) {
      const auto start = line.find_first_not_of(" =", at);
      if (start == std::string::npos) break;
      const auto end = line.find(' ', start);
      words.push_back(line.substr(start, end - start));
      at = end == std::string::npos ? line.size() : end;
    }
    return words;
  }
  return std::nullopt;
}

}  // namespace

Result<SmtpTarget> parse_smtp_url(const std::string& url) {
  SmtpTarget t;
  std::string rest;
  for (const auto& [prefix, security, port] : {std::tuple{"smtp://", SmtpTarget::Security::plain, 25},
                                               {"smtp+starttls://", SmtpTarget::Security::starttls, 587},
                                               {"smtps://", SmtpTarget::Security::tls, 465}})
    if (url.rfind(prefix, 0) == 0) {
      t.security = security;
      t.port = port;
      rest = url.substr(std::strlen(prefix));
    }
  if (rest.empty())
    return make_error("usage", "--smtp-url must look like smtp://host:port, smtp+starttls://user:password@host:port or smtps://user:password@host:port");
  if (const auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = userinfo.find(':');
    t.user = httplib::detail::decode_url(userinfo.substr(0, colon), false);
    if (colon != std::string::npos) t.password = httplib::detail::decode_url(userinfo.substr(colon + 1), false);
    if (t.user.empty()) return make_error("usage", "--smtp-url has an empty user name");
    if (t.security == SmtpTarget::Security::plain)
      return make_error("usage", "--smtp-url: a user and password travel only over TLS; use smtp+starttls:// or smtps://");
  }
  const auto colon = rest.rfind(':');
  t.host = rest.substr(0, colon);
  if (t.host.size() > 2 && t.host.front() == '[' && t.host.back() == ']') t.host = t.host.substr(1, t.host.size() - 2);
  if (colon != std::string::npos) t.port = std::atoi(rest.substr(colon + 1).c_str());
  if (t.host.empty() || t.port <= 0 || t.port > 65535) return make_error("usage", "--smtp-url has a bad host or port");
  return t;
}

Result<std::optional<SmtpTarget>> smtp_target_from_config(const std::string& url, const std::string& ca_file) {
  if (url.empty()) return std::optional<SmtpTarget>();
  auto t = parse_smtp_url(url);
  if (!t) return t.error();
  t->ca_file = ca_file;
  if (!t->user.empty() && t->password.empty()) {
    auto secret = read_secret("TIRAGE_SMTP_PASSWORD");
    if (!secret) return secret.error();
    if (!*secret) return make_error("usage", "--smtp-url names a user but no password: put it in the URL or in TIRAGE_SMTP_PASSWORD(_FILE)");
    t->password = **secret;
  }
  return std::optional<SmtpTarget>(*t);
}

Status smtp_send(const SmtpTarget& target, const std::string& from, const std::string& to, const MailContent& mail,
                 int timeout_ms) {
  if (!header_safe(from) || !header_safe(to) || !header_safe(mail.subject))
    return make_error("smtp", "a header holds a line break");
  auto fd = connect_to(target, timeout_ms);
  if (!fd) return fd.error();
  Connection c(*fd, timeout_ms);
  auto expect = [&](int code) -> Result<Reply> {
    auto r = c.reply();
    if (!r) return r.error();
    if (r->code != code) return make_error("smtp", "server replied: " + r->text.substr(0, 500));
    return r;
  };
  const std::string address = from.find('<') != std::string::npos
                                  ? from.substr(from.find('<') + 1, from.find('>') - from.find('<') - 1)
                                  : from;
  const std::string boundary = "tirage-" + random_token().substr(0, 24);
  std::string msg = "From: " + from + "\r\nTo: <" + to + ">\r\nSubject: =?UTF-8?B?" + b64(mail.subject) +
                    "?=\r\nDate: " + format_rfc3339(std::time(nullptr)) + "\r\nMessage-ID: <" + random_token().substr(0, 32) +
                    "@tirage>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"" + boundary +
                    "\"\r\n\r\n--" + boundary +
                    "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                    base64_lines(mail.text) + "--" + boundary +
                    "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                    base64_lines(mail.html) + "--" + boundary + "--\r\n";
  if (target.security == SmtpTarget::Security::tls) TIRAGE_TRY(c.start_tls(target.host, target.ca_file));
  TIRAGE_TRY(expect(220));
  TIRAGE_TRY(c.send("EHLO tirage\r\n"));
  auto ehlo = expect(250);
  if (!ehlo) return ehlo.error();
  if (target.security == SmtpTarget::Security::starttls) {
    if (!capability(*ehlo, "STARTTLS"))
      return make_error("smtp", "the relay does not offer STARTTLS, which smtp+starttls:// requires; nothing was sent");
    TIRAGE_TRY(c.send("STARTTLS\r\n"));
    TIRAGE_TRY(expect(220));
    TIRAGE_TRY(c.start_tls(target.host, target.ca_file));
    TIRAGE_TRY(c.send("EHLO tirage\r\n"));  // capabilities said in clear mean nothing now (RFC 3207 section 4.2)
    ehlo = expect(250);
    if (!ehlo) return ehlo.error();
  }
  if (!target.user.empty()) {
    if (!c.secure()) return make_error("smtp", "refusing to send the relay's password without TLS");
    const auto mechanisms = capability(*ehlo, "AUTH");
    auto offers = [&](const char* m) { return mechanisms && std::find(mechanisms->begin(), mechanisms->end(), m) != mechanisms->end(); };
    if (offers("PLAIN")) {
      TIRAGE_TRY(c.send("AUTH PLAIN " + b64(std::string(1, '\0') + target.user + std::string(1, '\0') + target.password) + "\r\n"));
    } else if (offers("LOGIN")) {
      TIRAGE_TRY(c.send("AUTH LOGIN\r\n"));
      TIRAGE_TRY(expect(334));
      TIRAGE_TRY(c.send(b64(target.user) + "\r\n"));
      TIRAGE_TRY(expect(334));
      TIRAGE_TRY(c.send(b64(target.password) + "\r\n"));
    } else {
      return make_error("smtp", "the relay offers neither AUTH PLAIN nor AUTH LOGIN");
    }
    if (auto ok = expect(235); !ok) return make_error("smtp", "the relay refused the user and password: " + ok.error().message);
  }
  // Base64 bodies have no line starting with '.', so no dot-stuffing is needed.
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
