// ErrorCode: the stable machine codes of Error, generated from the one table
// in error_codes.def (name, HTTP status, default message). The wire carries
// the name; C++ compares the enumerator, so a misspelt code does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace tirage {

enum class ErrorCode {
#define TIRAGE_ERROR(name, status, message) name,
#include "shared/core/error_codes.def"
#undef TIRAGE_ERROR
};

namespace error_code_detail {

struct Entry {
  std::string_view name;
  int http_status;
  std::string_view message;
};

inline constexpr Entry kTable[] = {
#define TIRAGE_ERROR(name, status, message) {#name, status, message},
#include "shared/core/error_codes.def"
#undef TIRAGE_ERROR
};

inline constexpr std::size_t kCount = sizeof(kTable) / sizeof(kTable[0]);

inline constexpr const Entry& entry(ErrorCode code) {
  const auto i = static_cast<std::size_t>(code);
  return kTable[i < kCount ? i : 0];
}

}  // namespace error_code_detail

// Every code in table order, for tests and generators.
inline constexpr std::array<ErrorCode, error_code_detail::kCount> all_error_codes() {
  std::array<ErrorCode, error_code_detail::kCount> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<ErrorCode>(i);
  return out;
}

// The code's wire name ("not_found").
inline constexpr std::string_view error_code_name(ErrorCode code) { return error_code_detail::entry(code).name; }

// The code with this wire name; ErrorCode::unknown for a name the table does not hold.
inline constexpr ErrorCode error_code_from_name(std::string_view name) {
  for (std::size_t i = 0; i < error_code_detail::kCount; ++i)
    if (error_code_detail::kTable[i].name == name) return static_cast<ErrorCode>(i);
  return ErrorCode::unknown;
}

// The HTTP status an answer carrying this code gets.
inline constexpr int error_http_status(ErrorCode code) { return error_code_detail::entry(code).http_status; }

// The message used when the code's caller gives none.
inline constexpr std::string_view error_default_message(ErrorCode code) { return error_code_detail::entry(code).message; }

// JSON carries the name, never the enumerator's number (found by nlohmann through ADL).
template <class JsonT>
void to_json(JsonT& j, ErrorCode code) {
  j = std::string(error_code_name(code));
}
template <class JsonT>
void from_json(const JsonT& j, ErrorCode& code) {
  code = j.is_string() ? error_code_from_name(j.template get_ref<const std::string&>()) : ErrorCode::unknown;
}

}  // namespace tirage
