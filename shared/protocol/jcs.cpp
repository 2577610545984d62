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

void write_string(std::string_view s, std::string& out) {
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

// Where a value sits ("$.rules.a[3]"): a chain of parent links, spelled out
// only when an error needs it, so canonicalizing builds no strings per member.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // member name, or empty for an array index
  std::size_t index = 0;
  bool is_index = false;

  std::string str() const {
    std::vector<const Path*> chain;
    for (const Path* p = this; p; p = p->parent) chain.push_back(p);
    std::string out = "$";
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if ((*it)->parent == nullptr) continue;  // the root itself
      if ((*it)->is_index) out += "[" + std::to_string((*it)->index) + "]";
      else out += "." + std::string((*it)->key.substr(0, 64));
    }
    return out;
  }
};

Status write(const Json& v, const Path& path, std::size_t depth, std::string& out) {
  auto bad = [&](const std::string& why) {
    return make_error("bad_value", "at " + path.str() + ": " + why);
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
      if (depth >= kMaxJsonDepth) return bad("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      out.push_back('[');
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out.push_back(',');
        const Path item{&path, {}, i, true};
        if (auto ok = write(v[i], item, depth + 1, out); !ok) return ok;
      }
      out.push_back(']');
      return {};
    }
    case Json::value_t::object: {
      if (depth >= kMaxJsonDepth) return bad("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      std::vector<std::pair<std::u16string, Json::const_iterator>> members;
      members.reserve(v.size());
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (auto ok = check_utf8(it.key()); !ok) return bad("member name: " + ok.error().message);
        members.emplace_back(utf16_units(it.key()), it);
      }
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      for (const auto& [units, it] : members) {
        if (!first) out.push_back(',');
        first = false;
        write_string(it.key(), out);
        out.push_back(':');
        const Path member{&path, it.key(), 0, false};
        if (auto ok = write(it.value(), member, depth + 1, out); !ok) return ok;
      }
      out.push_back('}');
      return {};
    }
    default:
      return bad("unsupported JSON value");
  }
}

}  // namespace

void jcs_append_string(std::string_view utf8, std::string& out) { write_string(utf8, out); }

Result<std::string> jcs(const Json& value) {
  std::string out;
  if (auto ok = write(value, Path{}, 0, out); !ok) return ok.error();
  return out;
}

Result<Json> parse_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    return make_error("too_large", "the JSON text has " + std::to_string(text.size()) + " bytes; at most " +
                                       std::to_string(limits.max_bytes) + " are accepted");
  // A SAX handler that enforces the limits as values are built and records the
  // first error instead of throwing, so the same code runs where exceptions are
  // disabled (Wasm exports).
  struct BoundedBuilder : nlohmann::detail::json_sax_dom_parser<Json> {
    using Base = nlohmann::detail::json_sax_dom_parser<Json>;
    BoundedBuilder(Json& j, const JsonLimits& l) : Base(j, false), limits(l) {}
    bool start_object(std::size_t n) { return deeper() && Base::start_object(n); }
    bool start_array(std::size_t n) { return deeper() && Base::start_array(n); }
    bool end_object() {
      --depth;
      return Base::end_object();
    }
    bool end_array() {
      --depth;
      return Base::end_array();
    }
    bool key(std::string& k) { return short_enough(k, "member name") && Base::key(k); }
    bool string(std::string& s) { return short_enough(s, "string") && Base::string(s); }
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
      pos = position;
      token = last_token;
      what = ex.what();
      return false;
    }
    bool deeper() {
      if (++depth <= limits.max_depth) return true;
      limit = "JSON nested deeper than " + std::to_string(limits.max_depth) + " levels";
      return false;
    }
    bool short_enough(const std::string& s, const char* what_is) {
      if (s.size() <= limits.max_string) return true;
      limit = std::string("a ") + what_is + " longer than " + std::to_string(limits.max_string) + " bytes";
      return false;
    }
    const JsonLimits& limits;
    std::size_t depth = 0;
    std::size_t pos = 0;
    std::string token, what, limit;
  };
  Json result;
  BoundedBuilder sax(result, limits);
  bool ok = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true);
  if (!ok && !sax.limit.empty()) return make_error("bad_json", "invalid JSON: " + sax.limit);
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

std::size_t json_depth(const Json& value) {
  std::size_t deepest = 0;
  std::vector<std::pair<const Json*, std::size_t>> unvisited{{&value, 0}};
  while (!unvisited.empty()) {
    auto [v, depth] = unvisited.back();
    unvisited.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, depth + 1);
    for (const auto& child : *v) unvisited.emplace_back(&child, depth + 1);
  }
  return deepest;
}

}  // namespace tirage
