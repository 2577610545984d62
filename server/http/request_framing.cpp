#include "server/http/request_framing.hpp"

#include <cstring>

#include "server/http/request_limits.hpp"

namespace tirage::server {

namespace {

constexpr std::size_t kMaxChunkLine = 1024;  // hex size and chunk extensions
constexpr std::size_t kMaxBlankLines = 4;    // tolerated before a request line (RFC 9112 2.2)

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
    if (!ok || c == 0) return false;
  }
  return true;
}

bool expects_body(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

FramingLimits default_framing_limits() { return {kMaxRequestLine, kMaxHeaderBytes, kMaxHeaders, kMaxBody}; }

bool RequestFramer::take_line(std::string_view data, std::size_t& used, std::size_t max, bool& too_long) {
  const char* start = data.data() + used;
  const std::size_t left = data.size() - used;
  const void* lf = std::memchr(start, '\n', left);
  const std::size_t take = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - start) + 1 : left;
  // The line's length without its CRLF; 2 bytes of slack for the terminator.
  if (line_.size() + take > max + 2) {
    too_long = true;
    return false;
  }
  line_.append(start, take);
  used += take;
  if (!lf) return false;
  line_.pop_back();
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  return true;
}

void RequestFramer::refuse(int status, const char* code, std::string message) {
  state_ = State::refused;
  status_ = status;
  code_ = code;
  message_ = std::move(message);
}

std::size_t RequestFramer::feed(std::string_view data) {
  std::size_t used = 0;
  while (state_ == State::need_more && used < data.size()) {
    bool too_long = false;
    switch (phase_) {
      case Phase::request_line:
        if (!take_line(data, used, limits_.max_request_line, too_long)) {
          started_ = started_ || line_.find_first_not_of("\r") != std::string::npos;
          if (too_long) refuse(414, "too_large", "the request line is longer than " + std::to_string(limits_.max_request_line) + " bytes");
          break;
        }
        request_line_done();
        break;
      case Phase::headers:
      case Phase::trailers:
        if (!take_line(data, used, limits_.max_header_bytes, too_long)) {
          if (too_long) refuse(431, "too_large", "the headers are larger than " + std::to_string(limits_.max_header_bytes) + " bytes");
          break;
        }
        if (phase_ == Phase::headers) {
          header_done();
        } else if (line_.empty()) {
          finish();
        } else if ((header_bytes_ += line_.size() + 2) > limits_.max_header_bytes) {
          refuse(431, "too_large", "the trailers are larger than " + std::to_string(limits_.max_header_bytes) + " bytes");
        }
        line_.clear();
        break;
      case Phase::body:
      case Phase::chunk_data: {
        const std::size_t take = std::min(remaining_, data.size() - used);
        body_.append(data.data() + used, take);
        used += take;
        remaining_ -= take;
        if (remaining_ == 0) {
          if (phase_ == Phase::body) finish();
          else phase_ = Phase::chunk_end;
        }
        break;
      }
      case Phase::chunk_size: {
        if (!take_line(data, used, kMaxChunkLine, too_long)) {
          if (too_long) refuse(400, "bad_request", "a chunk-size line is longer than 1024 bytes");
          break;
        }
        std::size_t size = 0, digits = 0;
        for (char c : line_) {
          const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
          if (v < 0) break;
          if (++digits > 15) break;
          size = size * 16 + static_cast<std::size_t>(v);
        }
        const std::string_view rest = trim(std::string_view(line_).substr(digits));
        line_.clear();
        if (digits == 0 || digits > 15 || (!rest.empty() && rest.front() != ';')) {
          refuse(400, "bad_request", "a chunk size is not a hexadecimal number");
          break;
        }
        if (size > limits_.max_body - body_.size()) {
          refuse(413, "too_large", "the body is larger than the " + std::to_string(limits_.max_body) + " bytes the server accepts");
          break;
        }
        remaining_ = size;
        phase_ = size == 0 ? Phase::trailers : Phase::chunk_data;
        break;
      }
      case Phase::chunk_end:
        if (!take_line(data, used, 0, too_long) && !too_long) break;
        if (too_long || !line_.empty()) {
          refuse(400, "bad_request", "a chunk does not end where its size says");
          break;
        }
        phase_ = Phase::chunk_size;
        break;
      case Phase::done:
        return used;
    }
  }
  return used;
}

void RequestFramer::request_line_done() {
  if (line_.empty()) {
    line_.clear();
    if (++blank_lines_ > kMaxBlankLines) refuse(400, "bad_request", "blank lines instead of a request line");
    return;
  }
  started_ = true;
  const auto first = line_.find(' '), last = line_.rfind(' ');
  if (first == std::string::npos || first == last || line_.find(' ', first + 1) != last || !is_token(line_.substr(0, first)) ||
      last == first + 1) {
    refuse(400, "bad_request", "the request line is not \"METHOD target HTTP/1.1\"");
    return;
  }
  const std::string version = line_.substr(last + 1);
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    refuse(505, "bad_request", "only HTTP/1.1 and HTTP/1.0 are spoken here");
    return;
  }
  method_ = line_.substr(0, first);
  head_ = line_ + "\r\n";
  line_.clear();
  phase_ = Phase::headers;
}

void RequestFramer::header_done() {
  if (line_.empty()) return headers_done();
  if ((header_bytes_ += line_.size() + 2) > limits_.max_header_bytes)
    return refuse(431, "too_large", "the headers are larger than " + std::to_string(limits_.max_header_bytes) + " bytes");
  if (++headers_ > limits_.max_headers)
    return refuse(431, "too_large", "more than " + std::to_string(limits_.max_headers) + " header lines");
  const auto colon = line_.find(':');
  if (colon == std::string::npos || !is_token(std::string_view(line_).substr(0, colon)))
    return refuse(400, "bad_request", "a header line is not \"Name: value\"");
  const std::string name = lower(std::string_view(line_).substr(0, colon));
  const std::string_view value = trim(std::string_view(line_).substr(colon + 1));
  if (name == "content-length") {
    if (value.empty() || value.size() > 19 || value.find_first_not_of("0123456789") != std::string_view::npos)
      return refuse(400, "bad_request", "Content-Length is not a number");
    if (has_content_length_ && value != content_length_)
      return refuse(400, "bad_request", "two different Content-Length headers");
    has_content_length_ = true;
    content_length_ = std::string(value);
  } else if (name == "transfer-encoding") {
    if (chunked_ || lower(value) != "chunked")
      return refuse(501, "not_implemented", "the only Transfer-Encoding understood is chunked");
    chunked_ = true;
  } else if (name == "content-encoding") {
    if (lower(value) != "identity")
      return refuse(415, "unsupported_media_type", "compressed bodies (Content-Encoding) are not accepted; send the body as it is");
  } else if (name == "expect") {
    if (lower(value) != "100-continue") return refuse(417, "bad_request", "the only expectation understood is 100-continue");
    expect_continue_ = true;
  } else {
    head_.append(line_, 0, colon);
    head_ += ": ";
    head_ += value;
    head_ += "\r\n";
  }
  line_.clear();
}

void RequestFramer::headers_done() {
  line_.clear();
  if (chunked_ && has_content_length_)
    return refuse(400, "bad_request", "both Transfer-Encoding and Content-Length: the body's length is ambiguous");
  if (has_content_length_) {
    const auto n = std::stoull(content_length_);
    if (n > limits_.max_body)
      return refuse(413, "too_large", "the body is larger than the " + std::to_string(limits_.max_body) + " bytes the server accepts");
    remaining_ = n;
    if (n == 0) return finish();
    phase_ = Phase::body;
    return;
  }
  if (chunked_) {
    phase_ = Phase::chunk_size;
    return;
  }
  finish();  // neither: a request without a body (RFC 9112 6.3), whatever follows is the next request
}

void RequestFramer::finish() {
  phase_ = Phase::done;
  state_ = State::complete;
}

bool RequestFramer::take_continue() {
  if (!expect_continue_ || continue_sent_ || state_ != State::need_more || !body_.empty()) return false;
  if (phase_ != Phase::body && phase_ != Phase::chunk_size) return false;
  continue_sent_ = true;
  return true;
}

std::string RequestFramer::take_request() {
  std::string out = std::move(head_);
  if (!body_.empty() || expects_body(method_)) out += "Content-Length: " + std::to_string(body_.size()) + "\r\n";
  out += "\r\n";
  out += body_;
  body_.clear();
  return out;
}

void RequestFramer::reset() { *this = RequestFramer(limits_); }

}  // namespace tirage::server
