#pragma once
// std::visit as a chain of index tests that the compiler inlines and turns into one switch.
// libstdc++ 12's std::visit calls through a table of function pointers, one out-of-line
// thunk per alternative: on the codec's paths that was a call, a copy of the arguments'
// addresses and, in the fuzz build, coverage counters of its own for every visit (libstdc++ 13
// switched to this form for small variants). Only for the codec's variants: their
// alternatives never throw on construction, so a variant is never valueless and the last
// alternative needs no test.
#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

namespace mbh::codec {

template <std::size_t I = 0, class F, class V>
[[gnu::always_inline]] constexpr decltype(auto) visit_inline(F&& f, V&& variant) {
  if constexpr (I + 1 == std::variant_size_v<std::remove_cvref_t<V>>) {
    return std::forward<F>(f)(*std::get_if<I>(&variant));
  } else {
    if (variant.index() == I) return std::forward<F>(f)(*std::get_if<I>(&variant));
    return visit_inline<I + 1>(std::forward<F>(f), std::forward<V>(variant));
  }
}

}  // namespace mbh::codec
