#pragma once
// Registers -> typed values -> physical values. Registers are big-endian 16-bit words and
// multi-register values come high word first. Every decoder checks the span holds exactly the
// type's register count and otherwise returns ValueError::kWrongRegisterCount.
#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "harness/codec/result.hpp"
#include "harness/codec/values/data_type.hpp"
#include "harness/codec/values/value_error.hpp"

namespace mbh::codec {

using Registers = std::span<const std::uint16_t>;

// An unsigned 128-bit value as two halves: the build is -Wpedantic, so no __int128.
struct Uint128 {
  std::uint64_t high = 0;
  std::uint64_t low = 0;

  friend constexpr bool operator==(const Uint128&, const Uint128&) = default;
};

// "0x" followed by 32 lowercase hex digits, leading zeros kept so the width shows the type.
std::string to_hex(Uint128 value);

// A str<n> field as read. Nothing is hidden: non-printable bytes stay in text and are listed
// (non_printable stays empty, so unallocated, for a clean string).
struct DecodedString {
  std::string text;                        // bytes before the first NUL, at most n of them
  std::vector<std::size_t> non_printable;  // indexes into text of bytes outside 0x20..0x7E
  bool padding_all_nul = true;  // every byte after the text (incl. str<odd>'s last) is NUL

  friend bool operator==(const DecodedString&, const DecodedString&) = default;
};

// Most codes an Enapter event array lists (RULES.md: the count, up to 32 codes, then zeros).
inline constexpr std::size_t kMaxEventCodes = 32;

// An Enapter event array as read: register 0 the count, then the codes, then zeros. A count
// above kMaxEventCodes or a non-zero register past the codes is reported, not corrected.
struct DecodedEventArray {
  std::uint16_t count = 0;                            // register 0, as sent
  std::array<std::uint16_t, kMaxEventCodes> codes{};  // registers 1.., the first size are listed
  std::size_t size = 0;                               // min(count, kMaxEventCodes)
  bool rest_all_zero = true;                          // every register after the listed codes is 0

  std::span<const std::uint16_t> listed() const { return {codes.data(), size}; }

  // Slots past size are not part of the value and are not compared.
  friend bool operator==(const DecodedEventArray& a, const DecodedEventArray& b) {
    return a.count == b.count && a.rest_all_zero == b.rest_all_zero &&
           std::ranges::equal(a.listed(), b.listed());
  }
};

// Any decoded value; the alternative follows the DataType's kind, in ValueKind order.
using Value = std::variant<std::uint16_t, std::int16_t, std::uint32_t, std::int32_t, std::uint64_t,
                           Uint128, float, bool, DecodedString, DecodedEventArray>;

Result<std::uint16_t, ValueError> decode_uint16(Registers registers);
Result<std::int16_t, ValueError> decode_sint16(Registers registers);
Result<std::uint32_t, ValueError> decode_uint32(Registers registers);
Result<std::int32_t, ValueError> decode_sint32(Registers registers);
Result<std::uint64_t, ValueError> decode_uint64(Registers registers);
Result<Uint128, ValueError> decode_uint128(Registers registers);
// Bit-exact: NaN payloads, infinities, subnormals and -0.0 come back as sent.
Result<float, ValueError> decode_float32(Registers registers);
// 0 is false, any other word is true.
Result<bool, ValueError> decode_boolean(Registers registers);
// str<chars>: two characters per register, first in the high byte, NUL padded.
Result<DecodedString, ValueError> decode_string(Registers registers, std::uint16_t chars);
// kEventArrayRegisters registers: the count, then min(count, 32) codes, then the rest.
Result<DecodedEventArray, ValueError> decode_event_array(Registers registers);

// The decoder for type.kind, its result as a Value (kKindMismatch for a kind outside the enum);
// a low-word-first number's words are taken in that order.
Result<Value, ValueError> decode_value(DataType type, Registers registers);

// Positions of the set bits of a bitmap register, LSB = bit 0, ascending; bits at or above
// width (capped at 64) are not looked at. Fixed capacity, so no allocation.
struct BitPositions {
  std::array<std::uint8_t, 64> bits{};
  std::size_t size = 0;

  std::span<const std::uint8_t> span() const { return {bits.data(), size}; }
};
BitPositions set_bits(std::uint64_t raw, unsigned width);

// The raws to_physical takes: integers and float32. bool is left out on purpose (a flag has no
// scale), and one constrained template rather than a set of overloads keeps a call with any
// integer type from being ambiguous.
template <class Raw>
concept PhysicalRaw = (std::integral<Raw> && !std::same_as<Raw, bool>) || std::same_as<Raw, float>;

// physical = raw x scale + offset (RULES.md).
template <PhysicalRaw Raw>
constexpr double to_physical(Raw raw, double scale, double offset) {
  return static_cast<double>(raw) * scale + offset;
}
double to_physical(Uint128 raw, double scale, double offset);

// to_physical for any decoded Value: booleans count as 0 or 1; strings and event arrays give
// kNotNumeric.
Result<double, ValueError> value_to_physical(const Value& value, double scale, double offset);

}  // namespace mbh::codec
