#include "shared/protocol/jcs.hpp"

#include <algorithm>
#include <vector>

#include "shared/protocol/unicode.hpp"

namespace tirage {

namespace {

constexpr std::uint64_t kMaxInteger = (std::uint64_t{1} << 53) - 1;

// RFC 8785 3.2.3: object members are sorted by their names as UTF-16 code units.
std::u16string utf16_units(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

void write_string(const std::string& s, std::string& out) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static constexpr char kDigits[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kDigits[c >> 4]);
          out.push_back(kDigits[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

Status write(const Json& v, const std::string& path, std::string& out) {
  auto bad = [&](const std::string& why) {
    return make_error("bad_value", "at " + path + ": " + why);
  };
  switch (v.type()) {
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return {};
    case Json::value_t::number_unsigned: {
      auto n = v.get<std::uint64_t>();
      if (n > kMaxInteger) return bad("integer larger than 2^53-1");
      out += std::to_string(n);
      return {};
    }
    case Json::value_t::number_integer: {
      auto n = v.get<std::int64_t>();
      if (n < 0) return bad("negative integers are not protocol values");
      if (static_cast<std::uint64_t>(n) > kMaxInteger) return bad("integer larger than 2^53-1");
      out += std::to_string(n);
      return {};
    }
    case Json::value_t::number_float:
      return bad("floating-point numbers are not protocol values");
    case Json::value_t::null:
      return bad("null is not a protocol value");
    case Json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (auto ok = check_utf8(s); !ok) return bad(ok.error().message);
      write_string(s, out);
      return {};
    }
    case Json::value_t::array: {
      out.push_back('[');
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out.push_back(',');
        if (auto ok = write(v[i], path + "[" + std::to_string(i) + "]", out); !ok) return ok;
      }
      out.push_back(']');
      return {};
    }
    case Json::value_t::object: {
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      keys.reserve(v.size());
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (auto ok = check_utf8(it.key()); !ok) return bad("member name: " + ok.error().message);
        keys.emplace_back(utf16_units(it.key()), &it.key());
      }
      std::sort(keys.begin(), keys.end());
      out.push_back('{');
      bool first = true;
      for (const auto& [units, key] : keys) {
        if (!first) out.push_back(',');
        first = false;
        write_string(*key, out);
        out.push_back(':');
        if (auto ok = write(v.at(*key), path + "." + *key, out); !ok) return ok;
      }
      out.push_back('}');
      return {};
    }
    default:
      return bad("unsupported JSON value");
  }
}

}  // namespace

Result<std::string> jcs(const Json& value) {
  std::string out;
  if (auto ok = write(value, "$", out); !ok) return ok.error();
  return out;
}

Result<Json> parse_json(std::string_view text) {
  // A SAX handler that records the first error's position instead of throwing,
  // so the same code runs where exceptions are disabled (Wasm exports).
  struct ErrorCatcher : nlohmann::detail::json_sax_dom_parser<Json> {
    using Base = nlohmann::detail::json_sax_dom_parser<Json>;
    ErrorCatcher(Json& j) : Base(j, false) {}
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& ex) {
      pos = position;
      token = last_token;
      what = ex.what();
      return false;
    }
    std::size_t pos = 0;
    std::string token, what;
  };
  Json result;
  ErrorCatcher sax(result);
  bool ok = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
  if (!ok) {
    // Convert the byte position to line and column for people.
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < sax.pos && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    std::string why = sax.what;
    if (auto p = why.find("syntax error while parsing value - "); p != std::string::npos)
      why = why.substr(p + 35);
    else if (auto q = why.find("] "); q != std::string::npos)
      why = why.substr(q + 2);
    return make_error("bad_json", "invalid JSON at line " + std::to_string(line) + ", column " +
                                      std::to_string(col) + ": " + why);
  }
  return result;
}

}  // namespace tirage
