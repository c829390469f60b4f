#include "harness/codec/values/value_encoders.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <concepts>
#include <limits>
#include <variant>

namespace mbh::codec {
namespace {

// count (at most four) registers of value, high word first.
RegisterWords split_words(std::uint64_t value, std::size_t count) {
  RegisterWords encoded;
  encoded.size = count;
  for (std::size_t i = 0; i < count; ++i) {
    encoded.words[count - 1 - i] = static_cast<std::uint16_t>(value >> (16 * i));
  }
  return encoded;
}

// How close raw must be to an integer to be taken as one; see from_physical.
constexpr double kIntegerTolerance = 1e-6;

bool near_integer(double raw, double integer) {
  // Relative to |raw|, but never tighter than 1e-6 absolute: raws near zero come out of
  // (physical - offset) with cancellation noise such as 1e-14 rather than exactly 0.
  return std::fabs(raw - integer) <= kIntegerTolerance * std::max(1.0, std::fabs(raw));
}

// Whether an integral double fits Int. The upper bound is 2^digits, exclusive: Int's max itself
// (2^64 - 1 for uint64) is not a double, and comparing against its rounded value would let
// 2^64 through to an undefined conversion.
template <std::integral Int>
bool fits(double integer) {
  return integer >= static_cast<double>(std::numeric_limits<Int>::min()) &&
         integer < std::ldexp(1.0, std::numeric_limits<Int>::digits);
}

Result<RegisterWords, ValueError> float_nearest(double raw) {
  // Finite doubles from here up round to infinity as floats (FLT_MAX plus half its ulp,
  // ties to even): those have no float32 near them. NaN and infinities pass through as such.
  constexpr double kRoundsToInfinity = 0x1.ffffffp127;
  if (std::isfinite(raw) && std::fabs(raw) >= kRoundsToInfinity) {
    return fail(ValueError::kNotRepresentable);
  }
  return encode_float32(static_cast<float>(raw));
}

Result<RegisterWords, ValueError> uint128_of(double integer) {
  if (!(integer >= 0.0 && integer < 0x1p128)) return fail(ValueError::kNotRepresentable);
  // Both halves are exact: integer is a whole number, fmod by a power of two is exact.
  const double low = std::fmod(integer, 0x1p64);
  const double high = (integer - low) / 0x1p64;
  return encode_uint128(Uint128{static_cast<std::uint64_t>(high), static_cast<std::uint64_t>(low)});
}

// (physical - offset) / scale. The difference alone can overflow a double where the raw does
// not (physical and offset near the double's limit, with a huge scale); the two quotients then
// give the raw without that overflow, and no cancellation, as physical and -offset share a sign.
double raw_of(double physical, double scale, double offset) {
  const double difference = physical - offset;
  if (std::isinf(difference) && std::isfinite(physical) && std::isfinite(offset)) {
    return physical / scale - offset / scale;
  }
  return difference / scale;
}

template <std::integral Int>
Result<RegisterWords, ValueError> encode_integer(double integer, RegisterWords (*encode)(Int)) {
  if (!fits<Int>(integer)) return fail(ValueError::kNotRepresentable);
  return encode(static_cast<Int>(integer));
}

}  // namespace

RegisterWords encode_uint16(std::uint16_t value) {
  return split_words(value, 1);
}

RegisterWords encode_sint16(std::int16_t value) {
  return split_words(static_cast<std::uint16_t>(value), 1);
}

RegisterWords encode_uint32(std::uint32_t value) {
  return split_words(value, 2);
}

RegisterWords encode_sint32(std::int32_t value) {
  return split_words(static_cast<std::uint32_t>(value), 2);
}

RegisterWords encode_uint64(std::uint64_t value) {
  return split_words(value, 4);
}

RegisterWords encode_uint128(Uint128 value) {
  RegisterWords encoded = split_words(value.high, 4);
  const RegisterWords low = split_words(value.low, 4);
  std::copy(low.words.begin(), low.words.begin() + 4, encoded.words.begin() + 4);
  encoded.size = 8;
  return encoded;
}

RegisterWords encode_float32(float value) {
  return split_words(std::bit_cast<std::uint32_t>(value), 2);
}

RegisterWords encode_boolean(bool value) {
  return split_words(value ? 1u : 0u, 1);
}

Result<RegisterWords, ValueError> encode_string(std::string_view text, std::uint16_t chars) {
  if (chars > kMaxStringChars || text.size() > chars) return fail(ValueError::kStringTooLong);
  RegisterWords encoded;  // zero-filled, which is the NUL padding
  encoded.size = str(chars).register_count();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned byte = static_cast<unsigned char>(text[i]);
    const unsigned placed = i % 2 == 0 ? byte << 8 : byte;  // first character in the high byte
    encoded.words[i / 2] = static_cast<std::uint16_t>(encoded.words[i / 2] | placed);
  }
  return encoded;
}

RegisterWords encode_event_array(const DecodedEventArray& events) {
  RegisterWords encoded;  // zero-filled, which is the tail after the codes
  encoded.size = kEventArrayRegisters;
  encoded.words[0] = events.count;
  const std::span<const std::uint16_t> listed = events.listed();
  std::copy(listed.begin(), listed.end(), encoded.words.begin() + 1);
  return encoded;
}

namespace {

// The words of a number encoded high word first, in the order `type` sends them.
Result<RegisterWords, ValueError> in_word_order(DataType type,
                                                Result<RegisterWords, ValueError> encoded) {
  if (!encoded) return encoded;
  RegisterWords words = std::move(encoded).value();
  swap_word_order(type, std::span<std::uint16_t>(words.words.data(), words.size));
  return words;
}

Result<RegisterWords, ValueError> encode_high_first(DataType type, const Value& value);
Result<RegisterWords, ValueError> from_physical_high_first(double physical, DataType type,
                                                           double scale, double offset);

}  // namespace

Result<RegisterWords, ValueError> encode_value(DataType type, const Value& value) {
  return in_word_order(type, encode_high_first(type, value));
}

Result<RegisterWords, ValueError> from_physical(double physical, DataType type, double scale,
                                                double offset) {
  return in_word_order(type, from_physical_high_first(physical, type, scale, offset));
}

namespace {

Result<RegisterWords, ValueError> encode_high_first(DataType type, const Value& value) {
  switch (type.kind) {
    case ValueKind::kUint16:
      if (const auto* raw = std::get_if<std::uint16_t>(&value)) return encode_uint16(*raw);
      break;
    case ValueKind::kSint16:
      if (const auto* raw = std::get_if<std::int16_t>(&value)) return encode_sint16(*raw);
      break;
    case ValueKind::kUint32:
      if (const auto* raw = std::get_if<std::uint32_t>(&value)) return encode_uint32(*raw);
      break;
    case ValueKind::kSint32:
      if (const auto* raw = std::get_if<std::int32_t>(&value)) return encode_sint32(*raw);
      break;
    case ValueKind::kUint64:
      if (const auto* raw = std::get_if<std::uint64_t>(&value)) return encode_uint64(*raw);
      break;
    case ValueKind::kUint128:
      if (const auto* raw = std::get_if<Uint128>(&value)) return encode_uint128(*raw);
      break;
    case ValueKind::kFloat32:
      if (const auto* raw = std::get_if<float>(&value)) return encode_float32(*raw);
      break;
    case ValueKind::kBoolean:
      if (const auto* flag = std::get_if<bool>(&value)) return encode_boolean(*flag);
      break;
    case ValueKind::kString:
      if (const auto* text = std::get_if<DecodedString>(&value)) {
        return encode_string(text->text, type.string_chars);
      }
      break;
    case ValueKind::kEventArray:
      if (const auto* events = std::get_if<DecodedEventArray>(&value)) {
        return encode_event_array(*events);
      }
      break;
  }
  return fail(ValueError::kKindMismatch);
}

Result<RegisterWords, ValueError> from_physical_high_first(double physical, DataType type,
                                                           double scale, double offset) {
  if (type.kind == ValueKind::kString || type.kind == ValueKind::kEventArray) {
    return fail(ValueError::kNotNumeric);
  }
  if (!std::isfinite(scale) || scale == 0.0) return fail(ValueError::kBadScale);
  const double raw = raw_of(physical, scale, offset);
  // A finite physical value whose raw overflows a double lies outside every type's range: say
  // so, rather than store an infinity as float32 or blame a NaN or infinity nobody passed.
  if (!std::isfinite(raw) && std::isfinite(physical) && std::isfinite(offset)) {
    return fail(ValueError::kNotRepresentable);
  }
  if (type.kind == ValueKind::kFloat32) return float_nearest(raw);
  if (!std::isfinite(raw)) return fail(ValueError::kNotFinite);

  // Why round within a tolerance: scales such as 0.1 and 0.016667 have no exact binary form, so
  // a physical value that really is raw x scale + offset divides back to a few ulps off the
  // integer (1233.9999999999998, say), and offsets add cancellation error. Demanding an exact
  // integer would reject those; rounding everything would silently accept values between two
  // register steps. 1e-6 relative is orders of magnitude above double rounding error (~1e-15),
  // so values on the grid always pass; note that for |raw| above 500000 it exceeds half a step,
  // so there every finite value rounds.
  const double integer = std::round(raw);
  if (!near_integer(raw, integer)) return fail(ValueError::kNotRepresentable);

  switch (type.kind) {
    case ValueKind::kUint16:
      return encode_integer<std::uint16_t>(integer, &encode_uint16);
    case ValueKind::kSint16:
      return encode_integer<std::int16_t>(integer, &encode_sint16);
    case ValueKind::kUint32:
      return encode_integer<std::uint32_t>(integer, &encode_uint32);
    case ValueKind::kSint32:
      return encode_integer<std::int32_t>(integer, &encode_sint32);
    case ValueKind::kUint64:
      return encode_integer<std::uint64_t>(integer, &encode_uint64);
    case ValueKind::kUint128:
      return uint128_of(integer);
    case ValueKind::kBoolean:
      if (integer == 0.0 || integer == 1.0) return encode_boolean(integer == 1.0);
      return fail(ValueError::kNotRepresentable);
    case ValueKind::kFloat32:
    case ValueKind::kString:
    case ValueKind::kEventArray:
      break;  // handled above
  }
  return fail(ValueError::kKindMismatch);  // a ValueKind cast in from outside the enum
}

}  // namespace

}  // namespace mbh::codec
