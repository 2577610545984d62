// Strict reading of JSON input into C++ values: each member by name and type,
// required or optional, unknown members refused where a format is closed, and
// errors that say where and what:
//
//   draw.rules.min_comments: got string "3", wanted integer
//
//   StrictJsonReader in("bad_statement");
//   JsonFields c = in.object(statement, "commitment");
//   std::string id = c.string("draw_id");
//   std::optional<std::string> url = c.optional_string("giveaway_url");
//   c.refuse_unknown();                  // a closed format: nothing else may be there
//   if (in.failed()) return in.error();
//
// The first problem is kept and every later read returns an empty value, so a
// parser reads everything and asks once. Nothing here throws or calls an
// nlohmann accessor on a value of another type (with -fno-exceptions those
// abort), so it is safe on any input.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/protocol/jcs.hpp"

namespace tirage {

class JsonFields;
class JsonItems;

// How a value reads in an error: `string "3"`, `integer -1`, `null`, `an array of 2 items`.
std::string describe_json(const Json& value);

// Holds the first problem met while reading one input, with the error code it
// is reported under and an optional lead ("X sent an unexpected page: ").
class StrictJsonReader {
 public:
  explicit StrictJsonReader(std::string code, std::string lead = "") : code_(std::move(code)), lead_(std::move(lead)) {}
  StrictJsonReader(const StrictJsonReader&) = delete;
  StrictJsonReader& operator=(const StrictJsonReader&) = delete;

  // Third-party pages write null for "not there": read null as absent (it is a
  // wrong type otherwise, as protocol values hold no null).
  StrictJsonReader& null_is_absent() {
    null_is_absent_ = true;
    return *this;
  }

  // Starts reading value, found at path ("" for the root), as an object / an array.
  JsonFields object(const Json& value, std::string path);
  JsonItems array(const Json& value, std::string path, std::size_t max_items = kNoLimit);
  // What is read must outlive the reading: no temporaries.
  JsonFields object(Json&&, std::string) = delete;
  JsonItems array(Json&&, std::string, std::size_t = kNoLimit) = delete;

  // Records a problem at path (only the first is kept).
  void fail(const std::string& path, const std::string& why);
  bool failed() const { return failed_; }
  Error error() const { return make_error(code_, lead_ + message_); }

  // value, or the first problem met while reading it.
  template <class T>
  Result<T> finish(T value) const {
    if (failed_) return error();
    return value;
  }
  Status status() const { return failed_ ? Status{error()} : Status{}; }

  static constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

 private:
  friend class JsonFields;
  friend class JsonItems;
  std::string code_, lead_, message_;
  bool failed_ = false, null_is_absent_ = false;
};

// One JSON object being read. Reads of a member that is missing or of the wrong
// type record the problem and return an empty value (0, "", false, an empty
// object); so do all reads once the reader has failed.
class JsonFields {
 public:
  // Required members.
  std::string string(const char* name, std::size_t max_bytes = StrictJsonReader::kNoLimit);
  std::uint64_t uint(const char* name);  // an integer, 0 or more
  std::int64_t integer(const char* name);
  bool boolean(const char* name);
  JsonFields object(const char* name);
  JsonItems array(const char* name, std::size_t max_items = StrictJsonReader::kNoLimit);
  // Any value, kept as JSON (a missing one reads as null).
  const Json& value(const char* name);

  // Optional members: nullopt when absent, an error when of the wrong type.
  std::optional<std::string> optional_string(const char* name, std::size_t max_bytes = StrictJsonReader::kNoLimit);
  std::optional<std::uint64_t> optional_uint(const char* name);
  std::optional<std::int64_t> optional_integer(const char* name);
  std::optional<double> optional_number(const char* name);  // any JSON number
  std::optional<bool> optional_boolean(const char* name);
  std::optional<JsonFields> optional_object(const char* name);
  std::optional<JsonItems> optional_array(const char* name, std::size_t max_items = StrictJsonReader::kNoLimit);
  const Json* optional_value(const char* name);

  // Whether name is present (null counts as absent where the reader says so); does not count as read.
  bool has(const char* name) const;
  // For closed formats: every member not read so far is an error ('commitment: unknown field "x"').
  void refuse_unknown();
  // Records a problem the caller found in member name (a bad hex hash, a time out of range...).
  void fail(const char* name, const std::string& why);
  void fail(const std::string& why);  // in the object itself
  // Where member name is: "commitment.draw_id".
  std::string path(const char* name) const;
  const std::string& path() const { return path_; }
  const Json& json() const;
  bool ok() const { return obj_ != nullptr && !reader_->failed_; }

 private:
  friend class StrictJsonReader;
  friend class JsonItems;
  JsonFields(StrictJsonReader& r, const Json* obj, std::string path) : reader_(&r), obj_(obj), path_(std::move(path)) {}
  // The member, marked as read; nullptr when absent (recording "missing" if required) or once failed.
  const Json* member(const char* name, bool required, const char* wanted);
  StrictJsonReader* reader_;
  const Json* obj_;  // nullptr when it could not be read
  std::string path_;
  // The names read: most objects have few members, so no allocation for them.
  std::array<std::string_view, 24> read_{};
  std::size_t read_count_ = 0;
  std::vector<std::string_view> read_more_;
};

// One JSON array being read, element by element.
class JsonItems {
 public:
  std::size_t size() const;
  const Json& json() const;  // the array (null when it could not be read)
  JsonFields object(std::size_t i);
  std::string string(std::size_t i, std::size_t max_bytes = StrictJsonReader::kNoLimit);
  const Json& value(std::size_t i) const;
  // Records a problem the caller found in element i.
  void fail(std::size_t i, const std::string& why);
  std::string path(std::size_t i) const;
  const std::string& path() const { return path_; }
  bool ok() const { return arr_ != nullptr && !reader_->failed_; }

 private:
  friend class StrictJsonReader;
  friend class JsonFields;
  JsonItems(StrictJsonReader& r, const Json* arr, std::string path) : reader_(&r), arr_(arr), path_(std::move(path)) {}
  const Json* element(std::size_t i) const;
  StrictJsonReader* reader_;
  const Json* arr_;
  std::string path_;
};

}  // namespace tirage
