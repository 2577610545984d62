#include "shared/protocol/protocol_fields.hpp"

namespace tirage {

namespace {
Hash hash_of(JsonFields& o, const char* name, const std::string& hex) {
  auto h = hash_from_hex(hex);
  if (!h) {
    o.fail(name, h.error().message);
    return {};
  }
  return *h;
}

UnixSeconds time_of(JsonFields& o, const char* name, const std::string& text) {
  auto t = parse_rfc3339(text);
  if (!t) {
    o.fail(name, t.error().message);
    return 0;
  }
  return *t;
}
}  // namespace

Hash read_hash(JsonFields& o, const char* name) {
  const std::string hex = o.string(name);
  return o.ok() ? hash_of(o, name, hex) : Hash{};
}

UnixSeconds read_time(JsonFields& o, const char* name) {
  const std::string text = o.string(name);
  return o.ok() ? time_of(o, name, text) : 0;
}

std::optional<UnixSeconds> read_optional_time(JsonFields& o, const char* name) {
  auto text = o.optional_string(name);
  if (!text || !o.ok()) return std::nullopt;
  return time_of(o, name, *text);
}

std::vector<Hash> read_hashes(JsonFields& o, const char* name) {
  JsonItems items = o.array(name);
  std::vector<Hash> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size() && items.ok(); ++i) {
    const std::string hex = items.string(i);
    if (!items.ok()) break;
    auto h = hash_from_hex(hex);
    if (!h) {
      items.fail(i, h.error().message);
      break;
    }
    out.push_back(*h);
  }
  return out;
}

void read_constant(JsonFields& o, const char* name, const char* expected) {
  const std::string s = o.string(name);
  if (o.ok() && s != expected) o.fail(name, "got " + describe_json(Json(s)) + ", wanted \"" + expected + "\"");
}

}  // namespace tirage
