#include "shared/protocol/rfc3797.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "shared/crypto/sha256.hpp"
#include "shared/protocol/unicode.hpp"

namespace tirage {

namespace {

// A non-negative decimal split into its canonical parts: integer digits
// without leading zeros ("0" for none) and fraction digits without trailing zeros.
struct Decimal {
  std::string integer, fraction;
};

bool parse_decimal(std::string_view token, Decimal& out) {
  const auto dot = token.find('.');
  std::string_view ip = token.substr(0, dot), fp = dot == std::string_view::npos ? "" : token.substr(dot + 1);
  if (ip.empty() && fp.empty()) return false;
  auto digits = [](std::string_view s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  if (!digits(ip) || !digits(fp)) return false;
  while (ip.size() > 1 && ip.front() == '0') ip.remove_prefix(1);
  while (!fp.empty() && fp.back() == '0') fp.remove_suffix(1);
  out.integer = ip.empty() ? "0" : std::string(ip);
  out.fraction = std::string(fp);
  return true;
}

bool less(const Decimal& a, const Decimal& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size();
  if (a.integer != b.integer) return a.integer < b.integer;
  return a.fraction < b.fraction;  // no trailing zeros, so text order is numeric order
}

std::vector<std::string_view> tokens(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != ',') ++j;
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

Result<std::string> text_source(std::string_view text) {
  if (auto ok = check_utf8(text); !ok) return ok.error();
  utf8proc_uint8_t* stripped = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                        &stripped, static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(stripped, &std::free);
  if (n < 0) return make_error("bad_source", std::string("cannot read the source's text: ") + utf8proc_errmsg(n));
  std::string out;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const char c = static_cast<char>(stripped[i]);
    if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 'a' + 'A'));
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  if (out.empty()) return make_error("bad_source", "the source has no letters or digits");
  return out;
}

// The 128-bit big-endian value of digest, modulo m (m < 2^56).
std::uint64_t mod128(const std::array<std::uint8_t, 16>& digest, std::uint64_t m) {
  std::uint64_t r = 0;
  for (std::uint8_t b : digest) r = ((r << 8) | b) % m;
  return r;
}

}  // namespace

Result<std::string> rfc3797_source_string(std::string_view published) {
  const auto toks = tokens(published);
  if (toks.empty()) return make_error("bad_source", "the source has no values");
  std::vector<Decimal> numbers;
  for (auto t : toks) {
    Decimal d;
    if (!parse_decimal(t, d)) {
      numbers.clear();
      break;
    }
    numbers.push_back(std::move(d));
  }
  if (numbers.empty()) {
    auto text = text_source(published);
    if (!text) return text.error();
    return *text + "/";
  }
  std::stable_sort(numbers.begin(), numbers.end(), less);
  std::string out;
  for (const auto& d : numbers) out += d.integer + "." + d.fraction;
  return out + "/";
}

Result<std::string> rfc3797_key(std::span<const std::string> sources) {
  if (sources.empty()) return make_error("bad_source", "at least one source is needed");
  std::string key;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    auto s = rfc3797_source_string(sources[i]);
    if (!s) return make_error(s.error().code, "source " + std::to_string(i + 1) + ": " + s.error().message);
    key += *s;
  }
  return key;
}

Result<std::vector<std::uint64_t>> rfc3797_select(std::string_view key, std::uint64_t pool, std::uint64_t count) {
  constexpr std::uint64_t kMaxPool = std::uint64_t{1} << 53, kMaxCount = 65536;
  if (pool == 0) return make_error("bad_counts", "the pool is empty");
  if (pool > kMaxPool) return make_error("bad_counts", "the pool is larger than 2^53");
  if (count > pool)
    return make_error("bad_counts", "cannot select " + std::to_string(count) + " of a pool of " + std::to_string(pool));
  if (count > kMaxCount) return make_error("bad_counts", "RFC 3797's 2-byte counter allows at most 65536 selections");
  std::vector<std::uint64_t> chosen_sorted;  // 0-based positions already taken
  std::vector<std::uint64_t> out;
  std::string buf(2 + key.size() + 2, '\0');
  std::copy(key.begin(), key.end(), buf.begin() + 2);
  for (std::uint64_t i = 0; i < count; ++i) {
    buf[0] = buf[buf.size() - 2] = static_cast<char>(i >> 8);
    buf[1] = buf[buf.size() - 1] = static_cast<char>(i & 0xff);
    const std::uint64_t k = mod128(md5(as_bytes(buf)), pool - i);
    // The k-th (0-based) position not yet taken: the smallest x with
    // x - |{taken <= x}| == k, found by moving past taken positions.
    std::uint64_t x = k;
    for (auto it = chosen_sorted.begin(); it != chosen_sorted.end() && *it <= x; ++it) ++x;
    chosen_sorted.insert(std::upper_bound(chosen_sorted.begin(), chosen_sorted.end(), x), x);
    out.push_back(x + 1);
  }
  return out;
}

}  // namespace tirage
