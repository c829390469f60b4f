#pragma once
// Result<T, E>: a value or a typed error, the codec's only way of reporting failure.
// std::expected is C++23; this is the small subset the codec needs, with no heap and
// no exceptions.
#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

namespace mbh {

template <class E>
struct Failure {
  E error;
};

template <class E>
constexpr Failure<E> fail(E error) {
  return Failure<E>{error};
}

template <class T, class E>
class [[nodiscard]] Result {
 public:
  constexpr Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  constexpr Result(Failure<E> failure)                                             // NOLINT
      : state_(std::in_place_index<1>, failure.error) {}
  // The value built in place from `args` (a variant's alternative, say), not moved in.
  template <class... Args>
  constexpr explicit Result(std::in_place_t, Args&&... args)
      : state_(std::in_place_index<0>, std::forward<Args>(args)...) {}

  constexpr bool ok() const { return state_.index() == 0; }
  constexpr explicit operator bool() const { return ok(); }

  // Asking a failed result for its value (or a good one for its error) is a bug in the
  // caller, never a peer's doing: stop at once rather than read the wrong member.
  constexpr const T& value() const& { return *checked<0>(); }
  constexpr T& value() & { return *checked<0>(); }
  constexpr T&& value() && { return std::move(*checked<0>()); }
  constexpr const T& operator*() const& { return value(); }
  constexpr const T* operator->() const { return &value(); }
  constexpr E error() const { return *checked<1>(); }

 private:
  template <std::size_t I>
  constexpr auto* checked() const {
    auto* member = std::get_if<I>(&state_);
    if (member == nullptr) std::abort();
    return member;
  }
  template <std::size_t I>
  constexpr auto* checked() {
    auto* member = std::get_if<I>(&state_);
    if (member == nullptr) std::abort();
    return member;
  }

  std::variant<T, E> state_;
};

}  // namespace mbh
