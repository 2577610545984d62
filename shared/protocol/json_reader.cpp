#include "shared/protocol/json_reader.hpp"

#include <cstdio>

namespace tirage {

namespace {

constexpr std::size_t kQuotedBytes = 40;  // of a string value shown in an error

// At most kQuotedBytes of s, cut on a character boundary, control bytes shown as '?':
// errors are shown to people and sent as JSON, so they stay short, valid UTF-8.
std::string quoted(const std::string& s) {
  std::size_t n = std::min(s.size(), kQuotedBytes);
  while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  std::string out = "\"";
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<unsigned char>(s[i]) < 0x20 ? '?' : s[i]);
  out += n < s.size() ? "\"…" : "\"";
  return out;
}

std::string join(const std::string& base, const char* name) { return base.empty() ? name : base + "." + name; }

const char* const kString = "string";
const char* const kUint = "non-negative integer";
const char* const kInteger = "integer";
const char* const kNumber = "number";
const char* const kBoolean = "true or false";
const char* const kObject = "object";
const char* const kArray = "array";

void wrong_type(StrictJsonReader& r, const std::string& path, const Json& v, const char* wanted) {
  r.fail(path, "got " + describe_json(v) + ", wanted " + wanted);
}

// Paths are spelled out only for an error: most reads succeed.
template <class Path>
void wrong_type(StrictJsonReader& r, const Path& path, const Json& v, const char* wanted) {
  wrong_type(r, std::string(path()), v, wanted);
}

// Each reads v at path as one type; on a wrong type records it and returns nullopt.
template <class Path>
std::optional<std::string> read_string(StrictJsonReader& r, const Json& v, const Path& path, std::size_t max) {
  const auto* s = v.get_ptr<const std::string*>();
  if (!s) {
    wrong_type(r, path, v, kString);
    return std::nullopt;
  }
  if (s->size() > max) {
    r.fail(path(), "got a string of " + std::to_string(s->size()) + " bytes, wanted at most " + std::to_string(max));
    return std::nullopt;
  }
  return *s;
}

template <class Path>
std::optional<std::uint64_t> read_uint(StrictJsonReader& r, const Json& v, const Path& path) {
  // Parsed JSON holds non-negative integers as unsigned; JSON built in code may hold them signed.
  if (const auto* u = v.get_ptr<const Json::number_unsigned_t*>()) return *u;
  if (const auto* i = v.get_ptr<const Json::number_integer_t*>(); i && *i >= 0) return static_cast<std::uint64_t>(*i);  // signed
  wrong_type(r, path, v, kUint);
  return std::nullopt;
}

template <class Path>
std::optional<std::int64_t> read_integer(StrictJsonReader& r, const Json& v, const Path& path) {
  // Unsigned first: nlohmann's signed pointer also answers for an unsigned value.
  if (const auto* u = v.get_ptr<const Json::number_unsigned_t*>()) {
    if (*u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return static_cast<std::int64_t>(*u);
  } else if (const auto* i = v.get_ptr<const Json::number_integer_t*>()) {
    return *i;
  }
  wrong_type(r, path, v, v.is_number_unsigned() ? "integer below 2^63" : kInteger);
  return std::nullopt;
}

template <class Path>
std::optional<double> read_number(StrictJsonReader& r, const Json& v, const Path& path) {
  if (const auto* f = v.get_ptr<const Json::number_float_t*>()) return *f;
  if (const auto* u = v.get_ptr<const Json::number_unsigned_t*>()) return static_cast<double>(*u);
  if (const auto* i = v.get_ptr<const Json::number_integer_t*>()) return static_cast<double>(*i);
  wrong_type(r, path, v, kNumber);
  return std::nullopt;
}

template <class Path>
std::optional<bool> read_boolean(StrictJsonReader& r, const Json& v, const Path& path) {
  if (const auto* b = v.get_ptr<const Json::boolean_t*>()) return *b;
  wrong_type(r, path, v, kBoolean);
  return std::nullopt;
}

const Json& null_json() {
  static const Json kNull;
  return kNull;
}

}  // namespace

std::string describe_json(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return *v.get_ptr<const Json::boolean_t*>() ? "true" : "false";
    case Json::value_t::string: return "string " + quoted(*v.get_ptr<const std::string*>());
    case Json::value_t::number_unsigned: return "integer " + std::to_string(*v.get_ptr<const Json::number_unsigned_t*>());
    case Json::value_t::number_integer: return "integer " + std::to_string(*v.get_ptr<const Json::number_integer_t*>());
    case Json::value_t::number_float: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", *v.get_ptr<const Json::number_float_t*>());
      return std::string("number ") + buf;
    }
    case Json::value_t::array: return v.empty() ? "an empty array" : "an array of " + std::to_string(v.size()) + (v.size() == 1 ? " item" : " items");
    case Json::value_t::object: return v.empty() ? "an empty object" : "an object";
    case Json::value_t::binary:
    case Json::value_t::discarded: break;
  }
  return "a value JSON text cannot hold";
}

JsonFields StrictJsonReader::object(const Json& value, std::string path) {
  if (failed_) return JsonFields(*this, nullptr, std::move(path));
  if (!value.is_object()) {
    wrong_type(*this, path, value, kObject);
    return JsonFields(*this, nullptr, std::move(path));
  }
  return JsonFields(*this, &value, std::move(path));
}

JsonItems StrictJsonReader::array(const Json& value, std::string path, std::size_t max_items) {
  if (failed_) return JsonItems(*this, nullptr, std::move(path));
  if (!value.is_array()) {
    wrong_type(*this, path, value, kArray);
    return JsonItems(*this, nullptr, std::move(path));
  }
  if (value.size() > max_items) {
    fail(path, "got an array of " + std::to_string(value.size()) + " items, wanted at most " + std::to_string(max_items));
    return JsonItems(*this, nullptr, std::move(path));
  }
  return JsonItems(*this, &value, std::move(path));
}

void StrictJsonReader::fail(const std::string& path, const std::string& why) {
  if (failed_) return;
  failed_ = true;
  message_ = path.empty() ? why : path + ": " + why;
}

// ---- JsonFields

namespace {
// The lazy path of member name of o.
auto at_member(const JsonFields& o, const char* name) {
  return [&o, name] { return o.path(name); };
}
}  // namespace

const Json& JsonFields::json() const { return obj_ ? *obj_ : null_json(); }

std::string JsonFields::path(const char* name) const { return join(path_, name); }

bool JsonFields::has(const char* name) const {
  if (!obj_) return false;
  auto it = obj_->find(name);
  return it != obj_->end() && !(reader_->null_is_absent_ && it->is_null());
}

const Json* JsonFields::member(const char* name, bool required, const char* wanted) {
  if (read_count_ < read_.size()) read_[read_count_++] = name;
  else read_more_.push_back(name);
  if (!ok()) return nullptr;
  auto it = obj_->find(name);
  if (it == obj_->end() || (reader_->null_is_absent_ && it->is_null())) {
    if (required) reader_->fail(path(name), std::string("missing, wanted ") + wanted);
    return nullptr;
  }
  return &*it;
}

std::string JsonFields::string(const char* name, std::size_t max_bytes) {
  const Json* m = member(name, true, kString);
  return m ? read_string(*reader_, *m, at_member(*this, name), max_bytes).value_or("") : "";
}

std::uint64_t JsonFields::uint(const char* name) {
  const Json* m = member(name, true, kUint);
  return m ? read_uint(*reader_, *m, at_member(*this, name)).value_or(0) : 0;
}

std::int64_t JsonFields::integer(const char* name) {
  const Json* m = member(name, true, kInteger);
  return m ? read_integer(*reader_, *m, at_member(*this, name)).value_or(0) : 0;
}

bool JsonFields::boolean(const char* name) {
  const Json* m = member(name, true, kBoolean);
  return m ? read_boolean(*reader_, *m, at_member(*this, name)).value_or(false) : false;
}

JsonFields JsonFields::object(const char* name) {
  const Json* m = member(name, true, kObject);
  if (!m) return JsonFields(*reader_, nullptr, path(name));
  return reader_->object(*m, path(name));
}

JsonItems JsonFields::array(const char* name, std::size_t max_items) {
  const Json* m = member(name, true, kArray);
  if (!m) return JsonItems(*reader_, nullptr, path(name));
  return reader_->array(*m, path(name), max_items);
}

const Json& JsonFields::value(const char* name) {
  const Json* m = member(name, true, "a value");
  return m ? *m : null_json();
}

std::optional<std::string> JsonFields::optional_string(const char* name, std::size_t max_bytes) {
  const Json* m = member(name, false, kString);
  return m ? read_string(*reader_, *m, at_member(*this, name), max_bytes) : std::nullopt;
}

std::optional<std::uint64_t> JsonFields::optional_uint(const char* name) {
  const Json* m = member(name, false, kUint);
  return m ? read_uint(*reader_, *m, at_member(*this, name)) : std::nullopt;
}

std::optional<std::int64_t> JsonFields::optional_integer(const char* name) {
  const Json* m = member(name, false, kInteger);
  return m ? read_integer(*reader_, *m, at_member(*this, name)) : std::nullopt;
}

std::optional<double> JsonFields::optional_number(const char* name) {
  const Json* m = member(name, false, kNumber);
  return m ? read_number(*reader_, *m, at_member(*this, name)) : std::nullopt;
}

std::optional<bool> JsonFields::optional_boolean(const char* name) {
  const Json* m = member(name, false, kBoolean);
  return m ? read_boolean(*reader_, *m, at_member(*this, name)) : std::nullopt;
}

std::optional<JsonFields> JsonFields::optional_object(const char* name) {
  const Json* m = member(name, false, kObject);
  if (!m) return std::nullopt;
  return reader_->object(*m, path(name));
}

std::optional<JsonItems> JsonFields::optional_array(const char* name, std::size_t max_items) {
  const Json* m = member(name, false, kArray);
  if (!m) return std::nullopt;
  return reader_->array(*m, path(name), max_items);
}

const Json* JsonFields::optional_value(const char* name) { return member(name, false, "a value"); }

void JsonFields::refuse_unknown() {
  if (!ok()) return;
  for (auto it = obj_->begin(); it != obj_->end(); ++it) {
    bool known = false;
    for (std::size_t i = 0; i < read_count_ && !known; ++i) known = it.key() == read_[i];
    for (std::string_view r : read_more_) known = known || it.key() == r;
    if (!known) return reader_->fail(path_, "unknown field " + quoted(it.key()));
  }
}

void JsonFields::fail(const char* name, const std::string& why) { reader_->fail(path(name), why); }

void JsonFields::fail(const std::string& why) { reader_->fail(path_, why); }


// ---- JsonItems

std::size_t JsonItems::size() const { return ok() ? arr_->size() : 0; }

const Json& JsonItems::json() const { return arr_ ? *arr_ : null_json(); }

std::string JsonItems::path(std::size_t i) const { return path_ + "[" + std::to_string(i) + "]"; }

const Json* JsonItems::element(std::size_t i) const {
  if (!ok() || i >= arr_->size()) return nullptr;
  return &(*arr_)[i];
}

JsonFields JsonItems::object(std::size_t i) {
  const Json* e = element(i);
  if (!e) return JsonFields(*reader_, nullptr, path(i));
  return reader_->object(*e, path(i));
}

std::string JsonItems::string(std::size_t i, std::size_t max_bytes) {
  const Json* e = element(i);
  return e ? read_string(*reader_, *e, [&] { return path(i); }, max_bytes).value_or("") : "";
}

const Json& JsonItems::value(std::size_t i) const {
  const Json* e = element(i);
  return e ? *e : null_json();
}

void JsonItems::fail(std::size_t i, const std::string& why) { reader_->fail(path(i), why); }

}  // namespace tirage
