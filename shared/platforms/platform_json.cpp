#include "shared/platforms/platform_json.hpp"

namespace tirage {

Result<Json> parse_platform_json(std::string_view body, std::string_view source) {
  const std::string who(source);
  if (body.size() > kMaxPlatformBody)
    return make_error("bad_platform_response", who + " sent " + std::to_string(body.size()) +
                                                   " bytes; more than the 8 MiB a page may have");
  JsonLimits limits;
  limits.max_bytes = kMaxPlatformBody;
  limits.max_depth = kMaxPlatformJsonDepth;
  auto j = parse_json(body, limits);
  if (!j) return make_error("bad_platform_response", who + " sent malformed JSON: " + j.error().message);
  if (!j->is_object()) return make_error("bad_platform_response", who + " sent JSON that is not an object");
  return j;
}

Result<UnixSeconds> parse_platform_time(std::string_view t) {
  auto bad = [&](const char* why) {
    return make_error("bad_time", "time \"" + std::string(t.substr(0, 40)) + "\": " + why);
  };
  if (t.size() < 20 || t.size() > 40) return bad("not an ISO 8601 date-time");
  std::string base(t.substr(0, 19));
  std::size_t i = 19;
  if (t[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start || i - start > 9) return bad("bad fraction of a second");
  }
  std::int64_t offset = 0;
  std::string_view zone = t.substr(i);
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 5 || zone.size() == 6) {
    if (zone[0] != '+' && zone[0] != '-') return bad("bad time zone");
    std::string digits;
    for (std::size_t k = 1; k < zone.size(); ++k) {
      if (zone.size() == 6 && k == 3) {
        if (zone[k] != ':') return bad("bad time zone");
        continue;
      }
      if (zone[k] < '0' || zone[k] > '9') return bad("bad time zone");
      digits += zone[k];
    }
    const int hours = (digits[0] - '0') * 10 + (digits[1] - '0');
    const int minutes = (digits[2] - '0') * 10 + (digits[3] - '0');
    if (hours > 23 || minutes > 59) return bad("bad time zone");
    offset = (hours * 60 + minutes) * 60 * (zone[0] == '-' ? -1 : 1);
  } else {
    return bad("bad time zone");
  }
  auto seconds = parse_rfc3339(base + "Z");
  if (!seconds) return seconds.error();
  return *seconds - offset;
}

bool is_platform_id(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdLength) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

const Json* JsonReader::member(const Json& parent, const char* key) {
  if (!parent.is_object()) return nullptr;
  auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) return nullptr;
  return &*it;
}

void JsonReader::fail(const std::string& path, const std::string& why) {
  if (failed_) return;
  failed_ = true;
  message_ = source_ + " sent an unexpected page: " + path + ": " + why;
}

const Json* JsonReader::object(const Json& parent, const char* key, const JsonPath& path, bool required) {
  const Json* m = member(parent, key);
  if (!m) {
    if (required) fail(path.str(), "missing");
    return nullptr;
  }
  if (!m->is_object()) {
    fail(path.str(), "expected an object");
    return nullptr;
  }
  return m;
}

const Json* JsonReader::array(const Json& parent, const char* key, const JsonPath& path, bool required,
                              std::size_t max_items) {
  const Json* m = member(parent, key);
  if (!m) {
    if (required) fail(path.str(), "missing");
    return nullptr;
  }
  if (!m->is_array()) {
    fail(path.str(), "expected an array");
    return nullptr;
  }
  if (m->size() > max_items) {
    fail(path.str(), "more than " + std::to_string(max_items) + " items");
    return nullptr;
  }
  return m;
}

std::string JsonReader::string(const Json& parent, const char* key, const JsonPath& path, bool required,
                               std::size_t max) {
  const Json* m = member(parent, key);
  if (!m) {
    if (required) fail(path.str(), "missing");
    return "";
  }
  if (!m->is_string()) {
    fail(path.str(), "expected a string");
    return "";
  }
  const auto& s = m->get_ref<const std::string&>();
  if (s.size() > max) {
    fail(path.str(), "longer than " + std::to_string(max) + " bytes");
    return "";
  }
  return s;
}

std::optional<std::string> JsonReader::optional_string(const Json& parent, const char* key, const JsonPath& path,
                                                       std::size_t max) {
  if (!member(parent, key)) return std::nullopt;
  return string(parent, key, path, true, max);
}

std::string JsonReader::id(const Json& parent, const char* key, const JsonPath& path, bool required) {
  const Json* m = member(parent, key);
  if (!m) {
    if (required) fail(path.str(), "missing");
    return "";
  }
  std::string s;
  if (m->is_string()) s = m->get_ref<const std::string&>();
  else if (m->is_number_unsigned()) s = std::to_string(m->get<std::uint64_t>());
  else {
    fail(path.str(), "expected an id");
    return "";
  }
  if (!is_platform_id(s)) {
    fail(path.str(), "not an id (1-160 of A-Z a-z 0-9 . _ : -)");
    return "";
  }
  return s;
}

std::optional<std::int64_t> JsonReader::optional_integer(const Json& parent, const char* key, const JsonPath& path) {
  const Json* m = member(parent, key);
  if (!m) return std::nullopt;
  if (m->is_number_unsigned()) {
    const auto v = m->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(INT64_MAX)) {
      fail(path.str(), "integer too large");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(v);
  }
  if (m->is_number_integer()) return m->get<std::int64_t>();
  fail(path.str(), "expected an integer");
  return std::nullopt;
}

std::optional<bool> JsonReader::optional_bool(const Json& parent, const char* key, const JsonPath& path) {
  const Json* m = member(parent, key);
  if (!m) return std::nullopt;
  if (!m->is_boolean()) {
    fail(path.str(), "expected true or false");
    return std::nullopt;
  }
  return m->get<bool>();
}

UnixSeconds JsonReader::time(const Json& parent, const char* key, const JsonPath& path, bool required) {
  const std::string s = string(parent, key, path, required, 64);
  if (s.empty()) return 0;
  auto t = parse_platform_time(s);
  if (!t) {
    fail(path.str(), t.error().message);
    return 0;
  }
  return *t;
}

}  // namespace tirage
