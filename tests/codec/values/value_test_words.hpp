#pragma once
// What the value decoder and encoder tests say of registers and results.
#include <bit>
#include <cstdint>
#include <optional>
#include <vector>

#include <rapidcheck.h>

#include "harness/codec/result.hpp"
#include "harness/codec/values/value_error.hpp"

namespace mbh::codec::testing {

using Words = std::vector<std::uint16_t>;

// The error of a failed result, nothing for a successful one.
template <class T>
std::optional<ValueError> error_of(const Result<T, ValueError>& result) {
  if (result.ok()) return std::nullopt;
  return result.error();
}

inline std::uint32_t float_bits(float value) {
  return std::bit_cast<std::uint32_t>(value);
}

inline rc::Gen<Words> gen_words(std::size_t count) {
  return rc::gen::container<Words>(count, rc::gen::arbitrary<std::uint16_t>());
}

}  // namespace mbh::codec::testing
