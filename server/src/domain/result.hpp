#pragma once

// Result<T>: a value or an Error. tl-expected is not packaged for Debian 12 and std::expected
// needs C++23, so this is the small subset of that interface the project uses (see
// docs/architecture.md, "Result type"). Swap for std::expected when the toolchain moves to C++23.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "domain/error.hpp"

namespace planify {

// Wraps an Error so that `return Fail(...)` converts into any Result<T>.
struct Unexpected {
  Error error;
};

[[nodiscard]] inline Unexpected Fail(Error error) { return Unexpected{std::move(error)}; }
[[nodiscard]] inline Unexpected Fail(ErrorCode code, std::string message,
                                     std::vector<FieldError> fields = {}) {
  return Unexpected{MakeError(code, std::move(message), std::move(fields))};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Unexpected failure)                                             // NOLINT
      : state_(std::in_place_index<1>, std::move(failure.error)) {}

  [[nodiscard]] bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!has_value());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected failure) : error_(std::move(failure.error)), ok_(false) {}  // NOLINT

  [[nodiscard]] bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace planify
