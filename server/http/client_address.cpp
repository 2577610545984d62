#include "server/http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <strings.h>
#include <optional>

namespace tirage::server {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An address as bytes; IPv4-mapped IPv6 (::ffff:a.b.c.d) reads as IPv4. "[v6]:port" and "v4:port" lose the port.
std::optional<AddressRange> parse_address(std::string_view text) {
  text = trim(text);
  if (text.size() > 2 && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    text = text.substr(0, text.find(':'));
  }
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  AddressRange a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) {
    a.prefix = 32;
    return a;
  }
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) {
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(a.bytes.data(), kMapped, 12) == 0) {
      std::memmove(a.bytes.data(), a.bytes.data() + 12, 4);
      std::fill(a.bytes.begin() + 4, a.bytes.end(), 0);
      a.prefix = 32;
      return a;
    }
    a.v6 = true;
    a.prefix = 128;
    return a;
  }
  return std::nullopt;
}

bool in_range(const AddressRange& range, const AddressRange& a) {
  if (range.v6 != a.v6) return false;
  const int full = range.prefix / 8, rest = range.prefix % 8;
  if (std::memcmp(range.bytes.data(), a.bytes.data(), static_cast<std::size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  const unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (range.bytes[full] & mask) == (a.bytes[full] & mask);
}

std::string to_text(const AddressRange& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes.data(), buf, sizeof buf);
  return buf;
}

// Every value of a header, in order, comma lists split.
std::vector<std::string_view> header_values(const httplib::Request& req, const std::string& name) {
  std::vector<std::string_view> out;
  auto [from, to] = req.headers.equal_range(name);
  for (auto it = from; it != to; ++it) {
    std::string_view v = it->second;
    while (!v.empty()) {
      const auto comma = v.find(',');
      out.push_back(trim(v.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  return out;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(std::string_view list, std::string header) {
  TrustedProxies out;
  if (header.empty() || header.size() > 64 || header.find_first_of(" :\r\n") != std::string::npos)
    return make_error("usage", "--client-address-header must be a header name such as X-Forwarded-For or X-Real-IP");
  out.header_ = std::move(header);
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    const auto slash = item.find('/');
    auto range = parse_address(item.substr(0, slash));
    if (!range)
      return make_error("usage", "--trusted-proxy: \"" + std::string(item.substr(0, 60)) + "\" is not an IP address or CIDR range");
    if (slash != std::string_view::npos) {
      const std::string bits(item.substr(slash + 1));
      const int max = range->v6 ? 128 : 32;
      char* end = nullptr;
      const long p = std::strtol(bits.c_str(), &end, 10);
      if (bits.empty() || *end || p < 0 || p > max)
        return make_error("usage", "--trusted-proxy: \"" + std::string(item.substr(0, 60)) + "\" has a bad prefix length (0 to " +
                                       std::to_string(max) + ")");
      range->prefix = static_cast<int>(p);
    }
    out.ranges_.push_back(*range);
  }
  return out;
}

bool TrustedProxies::contains(std::string_view address) const {
  auto a = parse_address(address);
  return a && std::any_of(ranges_.begin(), ranges_.end(), [&](const AddressRange& r) { return in_range(r, *a); });
}

ClientInfo client_info(const httplib::Request& req, const TrustedProxies& proxies, bool public_https) {
  ClientInfo info{req.remote_addr, public_https};
  if (proxies.empty() || !proxies.contains(req.remote_addr)) return info;
  const auto values = header_values(req, proxies.header());
  if (strcasecmp(proxies.header().c_str(), "X-Forwarded-For") == 0) {
    // Each proxy appends the address it saw: walk back from the end past our own proxies;
    // the first address no trusted proxy holds is the client (anything further left is the client's own claim).
    for (auto it = values.rbegin(); it != values.rend(); ++it) {
      auto a = parse_address(*it);
      if (!a) break;
      info.address = to_text(*a);
      if (!proxies.contains(info.address)) break;
    }
  } else if (!values.empty()) {
    if (auto a = parse_address(values.back())) info.address = to_text(*a);
  }
  if (const auto proto = header_values(req, "X-Forwarded-Proto"); !proto.empty()) info.https = proto.back() == "https";
  return info;
}

std::string address_limit_key(std::string_view address) {
  auto a = parse_address(address);
  if (!a) return std::string(address.substr(0, 64));
  if (!a->v6) return to_text(*a);
  std::fill(a->bytes.begin() + 8, a->bytes.end(), 0);
  return to_text(*a) + "/64";
}

}  // namespace tirage::server
