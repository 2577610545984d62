#include "shared/import/import_time.hpp"

#include <cmath>

#include "shared/core/decimal.hpp"
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

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
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
  const std::string_view t = trim(raw);
  auto bad = [&](const std::string& why) {
    return make_error("bad_date", "\"" + std::string(t.substr(0, 40)) + "\" is not a date I can read: " + why);
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
    const std::string s(t);
    // Digits only and at most 13 of them: the value fits.
    if (!dot && digits >= 9 && digits <= 11) return static_cast<std::int64_t>(*parse_decimal(s));
    if (!dot && digits >= 12 && digits <= 13) return static_cast<std::int64_t>(*parse_decimal(s) / 1000);
    const double serial = std::strtod(s.c_str(), nullptr);
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
  if (month < 1 || day < 1) return bad("the day or month is out of range");
  auto r = unix_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day), static_cast<unsigned>(h),
                           static_cast<unsigned>(mi), static_cast<unsigned>(s == 60 ? 59 : s));
  if (!r) return bad("the day or month is out of range");
  return *r - offset;
}

}  // namespace tirage
