#pragma once
// Typed values -> registers, and physical values -> registers: the reverse of
// value_decoders.hpp, with the same layout (big-endian words, high word first, strings two
// characters per register, first in the high byte, NUL padded).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "harness/codec/result.hpp"
#include "harness/codec/values/data_type.hpp"
#include "harness/codec/values/value_decoders.hpp"
#include "harness/codec/values/value_error.hpp"

namespace mbh::codec {

// The longest str<n> an encoder accepts: 125 registers, the most one Modbus read returns.
inline constexpr std::uint16_t kMaxStringChars = 250;

// Encoded registers in a fixed buffer, so encoding never allocates.
struct RegisterWords {
  static constexpr std::size_t kCapacity = (std::size_t{kMaxStringChars} + 1) / 2;

  std::array<std::uint16_t, kCapacity> words{};
  std::size_t size = 0;

  std::span<const std::uint16_t> span() const { return {words.data(), size}; }

  // Only the first size words are the value; the rest of the buffer is not compared.
  friend bool operator==(const RegisterWords& a, const RegisterWords& b) {
    return std::ranges::equal(a.span(), b.span());
  }
};

static_assert(RegisterWords::kCapacity >= kEventArrayRegisters, "an event array must fit");

RegisterWords encode_uint16(std::uint16_t value);
RegisterWords encode_sint16(std::int16_t value);
RegisterWords encode_uint32(std::uint32_t value);
RegisterWords encode_sint32(std::int32_t value);
RegisterWords encode_uint64(std::uint64_t value);
RegisterWords encode_uint128(Uint128 value);
// Bit-exact, NaN payloads included.
RegisterWords encode_float32(float value);
// true is written as 1, the canonical non-zero word.
RegisterWords encode_boolean(bool value);
// str<chars>: the bytes of text as given (non-printable ones too, so malformed strings can be
// sent on purpose), then NUL padding. kStringTooLong if text exceeds chars or chars exceeds
// kMaxStringChars.
Result<RegisterWords, ValueError> encode_string(std::string_view text, std::uint16_t chars);

// The count as given (so an inconsistent one can be sent on purpose), the listed codes, then
// zeros up to kEventArrayRegisters.
RegisterWords encode_event_array(const DecodedEventArray& events);

// Encodes a Value as type, in its word order; kKindMismatch when the Value's alternative is not
// type's kind.
Result<RegisterWords, ValueError> encode_value(DataType type, const Value& value);

// raw = (physical - offset) / scale, then encoded as type (RULES.md: physical = raw x scale +
// offset). Integer and boolean types take raw rounded to the nearest integer when it lies within
// 1e-6 relative of one (see value_encoders.cpp for why), otherwise kNotRepresentable; out of the
// type's range is kNotRepresentable too (a raw beyond a double's range included), a NaN or
// infinite physical value or offset kNotFinite. float32 stores the nearest float (finite values
// that would round to infinity are kNotRepresentable) and passes NaN and infinities through.
// Strings and event arrays give kNotNumeric; a zero or non-finite scale gives kBadScale. The
// words come in type's word order.
Result<RegisterWords, ValueError> from_physical(double physical, DataType type, double scale,
                                                double offset);

}  // namespace mbh::codec
