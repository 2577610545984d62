#include "shared/import/import_time.hpp"

#include <cmath>
#include <cstdio>

#include "shared/core/time.hpp"

namespace tirage {

namespace {
constexpr std::int64_t kDay = 86400;
// 1899-12-30 and 1904-01-01 as Unix days.
constexpr std::int64_t kExcel1900Epoch = -25569;
constexpr std::int64_t kExcel1904Epoch = -24107;

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // Up to max digits; the count read goes to n.
  bool number(int& value, std::size_t min, std::size_t max, std::size_t* n = nullptr) {
    std::size_t k = 0;
    value = 0;
    while (k < max && !done() && s_[i_] >= '0' && s_[i_] <= '9') {
      value = value * 10 + (s_[i_++] - '0');
      ++k;
    }
    if (n) *n = k;
    return k >= min;
  }
  void skip_digits() {
    while (!done() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
  }
  void skip_spaces() {
    while (peek() == ' ') ++i_;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

// Checks the fields through the protocol's own parser (month lengths, leap years).
Result<std::int64_t> from_fields(int y, int mo, int d, int h, int mi, int s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo % 100, d % 100, h % 100, mi % 100,
                s % 100);
  return parse_rfc3339(buf);
}

// [T or space] hh:mm[:ss[.fff]] [Z | +hh[:]mm | UTC]; all optional.
bool parse_time_and_zone(Cursor& c, int& h, int& mi, int& s, int& offset) {
  h = mi = s = offset = 0;
  if (c.eat('T') || c.peek() == ' ') {
    c.skip_spaces();
    if (!c.done()) {
      if (!c.number(h, 1, 2) || !c.eat(':') || !c.number(mi, 2, 2)) return false;
      if (c.eat(':')) {
        if (!c.number(s, 2, 2)) return false;
        if (c.eat('.') || c.eat(',')) c.skip_digits();
      }
    }
  }
  c.skip_spaces();
  if (c.eat('Z')) return c.done();
  if (c.eat('U')) return c.eat('T') && c.eat('C') && c.done();
  if (c.peek() == '+' || c.peek() == '-') {
    const int sign = c.eat('-') ? -1 : (c.eat('+'), 1);
    int oh = 0, om = 0;
    if (!c.number(oh, 2, 2)) return false;
    c.eat(':');
    if (!c.done() && !c.number(om, 2, 2)) return false;
    if (oh > 23 || om > 59) return false;
    offset = sign * (oh * 3600 + om * 60);
  }
  return c.done();
}

bool looks_relative(std::string_view t) {
  for (std::string_view word : {"ago", "il y a", "hace", "vor ", "yesterday", "hier", "ayer", "gestern"})
    if (t.find(word) != std::string_view::npos) return true;
  return false;
}
}  // namespace

std::optional<std::int64_t> excel_serial_to_unix(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return std::nullopt;  // 9999-12-31
  auto day = static_cast<std::int64_t>(std::floor(serial));
  auto secs = static_cast<std::int64_t>(std::llround((serial - static_cast<double>(day)) * kDay));
  std::int64_t epoch = date1904 ? kExcel1904Epoch : kExcel1900Epoch;
  // Excel's 1900 system counts a 1900-02-29 that never was (serial 60), so
  // serials before it are one day later than the epoch arithmetic says.
  if (!date1904 && day < 61) epoch += 1;
  return (epoch + day) * kDay + secs;
}

std::string excel_serial_to_iso(double serial, bool date1904) {
  if (!date1904 && std::floor(serial) == 60) return "1900-02-29";  // as Excel shows it
  const auto t = excel_serial_to_unix(serial, date1904);
  if (!t) return "";
  const std::string full = format_rfc3339(*t);  // YYYY-MM-DDTHH:MM:SSZ
  if (*t % kDay == 0) return full.substr(0, 10);
  return full.substr(0, 19);
}

Result<std::int64_t> parse_import_time(std::string_view raw) {
  const std::string t = trim(raw);
  auto bad = [&](const std::string& why) {
    return make_error("bad_date", "\"" + t.substr(0, 40) + "\" is not a date I can read: " + why);
  };
  if (t.empty()) return bad("it is empty");
  if (t.size() > 64) return bad("it is too long");
  if (looks_relative(t)) return bad("a relative date (\"2 weeks ago\") cannot be made exact");

  // Plain numbers: Unix seconds or milliseconds, or an Excel serial day.
  bool numeric = true, dot = false;
  std::size_t digits = 0;
  for (char ch : t) {
    if (ch >= '0' && ch <= '9') ++digits;
    else if (ch == '.' && !dot) dot = true;
    else numeric = false;
  }
  if (numeric && digits > 0) {
    if (!dot && digits >= 9 && digits <= 11) return static_cast<std::int64_t>(std::stoll(t));
    if (!dot && digits >= 12 && digits <= 13) return static_cast<std::int64_t>(std::stoll(t) / 1000);
    const double serial = std::strtod(t.c_str(), nullptr);
    if (serial >= 1 && serial < 2958466) return *excel_serial_to_unix(serial, false);
    return bad("a number that is neither Unix time nor an Excel date");
  }

  Cursor c(t);
  int a = 0, b = 0, y = 0;
  std::size_t na = 0;
  if (!c.number(a, 1, 4, &na)) return bad("it does not start with a number");
  int year, month, day;
  if (na == 4) {  // yyyy-mm-dd or yyyy/mm/dd
    const char sep = c.peek();
    if (sep != '-' && sep != '/' && sep != '.') return bad("expected yyyy-mm-dd");
    c.eat(sep);
    if (!c.number(b, 1, 2) || !c.eat(sep) || !c.number(day, 1, 2)) return bad("expected yyyy-mm-dd");
    year = a;
    month = b;
  } else if (na <= 2) {  // dd/mm/yyyy (or mm/dd/yyyy when it can only be that)
    const char sep = c.peek();
    if (sep != '/' && sep != '.' && sep != '-') return bad("expected dd/mm/yyyy");
    c.eat(sep);
    std::size_t ny = 0;
    if (!c.number(b, 1, 2) || !c.eat(sep) || !c.number(y, 2, 4, &ny) || ny == 3) return bad("expected dd/mm/yyyy");
    year = ny == 2 ? 2000 + y : y;
    if (b > 12 && a <= 12) {
      month = a;
      day = b;
    } else {
      day = a;
      month = b;
    }
  } else {
    return bad("expected a date such as 2026-12-24 or 24/12/2026");
  }
  int h, mi, s, offset;
  if (!parse_time_and_zone(c, h, mi, s, offset)) return bad("the time of day or the time zone is not readable");
  if (h > 23 || mi > 59 || s > 60) return bad("the time of day is out of range");
  auto r = from_fields(year, month, day, h, mi, s == 60 ? 59 : s);
  if (!r) return bad("the day or month is out of range");
  return *r - offset;
}

}  // namespace tirage
