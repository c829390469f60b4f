#pragma once
// The property the PDU targets (and fuzz_structured's flipped frames) hold every decode to: it
// fails with a typed error at an offset inside the input and a text for the user, or it
// re-encodes to exactly the input.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/fuzz_input.hpp"
#include "harness/codec/codec_error.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::fuzz {

// A failed decode of `size` bytes: a typed error, at an offset inside them, with a text.
inline void check_typed(const codec::DecodeError& error, std::size_t size) {
  if (error.code > codec::kLastCodecError) invariant_broken("untyped error");
  if (error.offset > size) invariant_broken("error offset past the input");
  if (codec::message(error.code).empty() || codec::identifier(error.code).empty()) {
    invariant_broken("a decode error without a message or identifier");
  }
}

// What `mbharness decode` names where a decode leads to a function byte or an exception code:
// every byte has a name, and an exception code is named unknown exactly when undefined. (All
// 256 values are a unit test, tests/codec/function_code_test.cpp; here they are checked on the
// inputs that reach them.)
inline void check_function_named(std::uint8_t function) {
  if (codec::function_name(function).empty()) invariant_broken("a function byte without a name");
}
inline void check_exception_named(codec::ExceptionCode code) {
  if (codec::name(code).empty()) invariant_broken("an exception code without a name");
  if (codec::is_defined(code) == (codec::name(code) == codec::kUnknownExceptionName)) {
    invariant_broken("an exception code named unlike its definedness");
  }
}

template <class Decoded, class Encode>
void check_round_trip(std::span<const std::byte> bytes, const Decoded& decoded, Encode encode) {
  if (!decoded.ok()) return check_typed(decoded.error(), bytes.size());
  std::array<std::byte, codec::kMaxPduSize> out;
  const auto size = encode(decoded.value(), std::span<std::byte>(out));
  if (!size.ok()) invariant_broken("a decoded message does not encode");
  if (!std::ranges::equal(std::span<const std::byte>(out.data(), size.value()), bytes)) {
    invariant_broken("decode then encode does not give back the input");
  }
}

}  // namespace mbh::fuzz
