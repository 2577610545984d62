// Reading untrusted platform JSON: a bounded parse (size, nesting depth) and a
// reader that checks each field's type and length and remembers the first
// problem with its path ("data[3].from.id: expected a string"). Parsers read
// everything, then ask the reader whether it failed: short code, exact errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "shared/core/time.hpp"
#include "shared/protocol/jcs.hpp"

namespace tirage {

inline constexpr std::size_t kMaxPlatformBody = 8u << 20;  // far above any real page (100 items)
inline constexpr std::size_t kMaxPageItems = 1000;         // platforms send at most 100 per page
inline constexpr std::size_t kMaxPlatformJsonDepth = 32;   // real pages nest about 6 deep
inline constexpr std::size_t kMaxIdLength = 160;
inline constexpr std::size_t kMaxHandleLength = 512;
inline constexpr std::size_t kMaxTextLength = 64 * 1024;

// Parses a response body of `source` (named in errors) within the limits above (parse_json's bounded parse).
Result<Json> parse_platform_json(std::string_view body, std::string_view source);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|+hhmm|+hh:mm|-hhmm)" (Meta, Google and X all differ).
Result<UnixSeconds> parse_platform_time(std::string_view text);

// Where a field is (base + suffix), spelled out only when an error needs it:
// paths are built for every field read, and most reads succeed.
struct JsonPath {
  JsonPath(const std::string& b) : base(&b) {}  // NOLINT: implicit, paths are often plain strings
  JsonPath(const char* s) : suffix(s) {}        // NOLINT
  JsonPath(const std::string& b, const char* s) : base(&b), suffix(s) {}
  std::string str() const { return (base ? *base : std::string()) + suffix; }
  const std::string* base = nullptr;
  const char* suffix = "";
};

class JsonReader {
 public:
  explicit JsonReader(std::string source) : source_(std::move(source)) {}

  // A member that must be an object / array (nullptr and an error when not; absent is fine unless required).
  const Json* object(const Json& parent, const char* key, const JsonPath& path, bool required);
  const Json* array(const Json& parent, const char* key, const JsonPath& path, bool required,
                    std::size_t max_items = kMaxPageItems);
  // A string member no longer than max bytes; "" when absent and not required.
  std::string string(const Json& parent, const char* key, const JsonPath& path, bool required,
                     std::size_t max = kMaxTextLength);
  std::optional<std::string> optional_string(const Json& parent, const char* key, const JsonPath& path,
                                             std::size_t max = kMaxTextLength);
  // An id: 1..kMaxIdLength of [A-Za-z0-9._:-] (numbers are accepted as ids too, as TikTok sends them).
  std::string id(const Json& parent, const char* key, const JsonPath& path, bool required);
  std::optional<std::int64_t> optional_integer(const Json& parent, const char* key, const JsonPath& path);
  std::optional<bool> optional_bool(const Json& parent, const char* key, const JsonPath& path);
  // A time string in any of the platforms' ISO 8601 forms.
  UnixSeconds time(const Json& parent, const char* key, const JsonPath& path, bool required);

  // Calls fn(item, item_path) for each element of the array member `key` ("key[i]" paths); every
  // element must be an object. Stops at the first problem; returns the array (nullptr when absent or wrong).
  template <class Fn>
  const Json* each_object(const Json& parent, const char* key, const JsonPath& path, bool required, Fn&& fn) {
    return each_object(parent, key, path, required, kMaxPageItems, std::forward<Fn>(fn));
  }
  template <class Fn>
  const Json* each_object(const Json& parent, const char* key, const JsonPath& path, bool required,
                          std::size_t max_items, Fn&& fn) {
    const Json* list = array(parent, key, path, required, max_items);
    if (!list) return nullptr;
    const std::string base = path.str();
    for (std::size_t i = 0; i < list->size() && !failed_; ++i) {
      const std::string item_path = base + "[" + std::to_string(i) + "]";
      const Json& item = (*list)[i];
      if (!item.is_object()) {
        fail(item_path, "expected an object");
        break;
      }
      fn(item, item_path);
    }
    return list;
  }

  // The value read, or the first problem met while reading it.
  template <class T>
  Result<T> finish(T value) const {
    if (failed_) return error();
    return value;
  }

  // Records a problem found by the caller.
  void fail(const std::string& path, const std::string& why);
  bool failed() const { return failed_; }
  Error error() const { return make_error("bad_platform_response", message_); }

 private:
  const Json* member(const Json& parent, const char* key);
  std::string source_;
  bool failed_ = false;
  std::string message_;
};

// True when s is a platform id we accept (see JsonReader::id).
bool is_platform_id(std::string_view s);

}  // namespace tirage
