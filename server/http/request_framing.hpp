// Reading one HTTP/1.1 request off a connection as its bytes arrive, with
// every part bounded (request line, headers, body, chunk lines, trailers)
// before anything is kept. Debian's cpp-httplib 0.11.4 bounds only a body with
// Content-Length: it reads chunked bodies, bodies without a length and header
// lines without an end into memory whole, and inflates Content-Encoding bodies
// whole. So the connection front (connection_front.hpp) frames each request
// here first and hands cpp-httplib a re-framed copy it cannot misread: the
// same request line and headers, the body decoded, and exactly one
// Content-Length; no Transfer-Encoding, no Expect.
//
// Refused outright: Transfer-Encoding other than chunked (501), both
// Transfer-Encoding and Content-Length (400: the classic request-smuggling
// ambiguity), any Content-Encoding but identity (415: no client of ours
// compresses a body, and inflating one is how a 1 MiB body becomes 1 GiB).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tirage::server {

struct FramingLimits {
  std::size_t max_request_line;
  std::size_t max_header_bytes;  // header lines together; trailers likewise
  std::size_t max_headers;
  std::size_t max_body;  // after chunked decoding
};

// The limits of server/http/request_limits.hpp.
FramingLimits default_framing_limits();

class RequestFramer {
 public:
  enum class State { need_more, complete, refused };

  explicit RequestFramer(const FramingLimits& limits) : limits_(limits) {}

  // Reads from the front of `data` up to the end of one request; returns how
  // many bytes it used (the rest belongs to the next request). Call again with
  // more bytes while state() is need_more.
  std::size_t feed(std::string_view data);

  State state() const { return state_; }
  // True once any byte of the request has arrived (before: the connection is idle).
  bool started() const { return started_; }
  // Body bytes received so far (decoded).
  std::size_t body_received() const { return body_.size(); }
  // True once, when the client waits for "100 Continue" before sending its body.
  bool take_continue();

  // complete: the request re-framed for cpp-httplib (moved out).
  std::string take_request();
  // refused: the HTTP status, an error code for {"error":{"code","message"}}, and the message.
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }

  // Ready for the next request on the same connection.
  void reset();

 private:
  enum class Phase { request_line, headers, body, chunk_size, chunk_data, chunk_end, trailers, done };
  // Collects one line ending in LF (CR before it dropped) into line_; false while incomplete.
  bool take_line(std::string_view data, std::size_t& used, std::size_t max, bool& too_long);
  void refuse(int status, const char* code, std::string message);
  void request_line_done();
  void header_done();
  void headers_done();
  void finish();

  FramingLimits limits_;
  State state_ = State::need_more;
  Phase phase_ = Phase::request_line;
  bool started_ = false;
  std::string line_;
  bool line_too_long_ = false;
  std::string head_;  // request line and kept headers, CRLF-terminated
  std::string body_;
  std::size_t header_bytes_ = 0, headers_ = 0;
  std::size_t blank_lines_ = 0;
  std::string method_;
  std::string content_length_;
  bool has_content_length_ = false, chunked_ = false, expect_continue_ = false, continue_sent_ = false;
  std::size_t remaining_ = 0;  // of the body (Content-Length) or of the current chunk
  int status_ = 0;
  std::string code_, message_;
};

}  // namespace tirage::server
