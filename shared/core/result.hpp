// Result<T>: a value or a readable error, returned across every module boundary.
//
//   Result<int> parse(std::string_view s);
//   auto r = parse("12");
//   if (!r) return r.error();          // propagate
//   use(*r);
//
// Error carries a stable machine code ("bad_hex", "proof_mismatch", ...) and a
// message a user can read, naming what was wrong and where.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace tirage {

struct Error {
  std::string code;     // stable, snake_case, for programs
  std::string message;  // for people: what was wrong and where
};

// Builds an Error; reads better at call sites than brace-init.
inline Error make_error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  // By value on rvalues, so `for (x : *make_result())` owns what it iterates.
  T value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : err_(std::move(error)), ok_(false) {}
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return err_; }

 private:
  Error err_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace tirage

// Early-return helpers for functions returning Result<...> or Status.
#define TIRAGE_TRY(expr)                  \
  do {                                    \
    auto tirage_try_ = (expr);            \
    if (!tirage_try_) return tirage_try_.error(); \
  } while (0)
#define TIRAGE_TRY_ASSIGN(dest, expr)     \
  do {                                    \
    auto tirage_try_ = (expr);            \
    if (!tirage_try_) return tirage_try_.error(); \
    dest = std::move(*tirage_try_);       \
  } while (0)
