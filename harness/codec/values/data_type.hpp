#pragma once
// The register data types the three vendor maps use, and how many registers each takes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace mbh::codec {

enum class ValueKind : std::uint8_t {
  kUint16,      // unsigned 16-bit integer
  kSint16,      // signed 16-bit integer, two's complement
  kUint32,      // two registers, high word first
  kSint32,      // two registers, high word first, two's complement
  kUint64,      // four registers, high word first
  kUint128,     // eight registers, high word first
  kFloat32,     // IEEE 754 single precision, two registers, high word first
  kBoolean,     // one register: 0 false, anything else true (Enapter)
  kString,      // str<n>: n characters, two per register, first in the high byte, NUL padded
  kEventArray,  // Enapter event array: 64 registers, a count, up to 32 codes, then zeros
};

inline constexpr std::size_t kEventArrayRegisters = 64;

// How a value of several registers is laid out: the three documents send the high word first;
// many devices send the low word first (a "word swap"), the same words in reverse order.
enum class WordOrder : std::uint8_t {
  kHighFirst,
  kLowFirst,
};

struct DataType {
  ValueKind kind = ValueKind::kUint16;
  std::uint16_t string_chars = 0;  // n of str<n>; 0 for every other kind
  WordOrder word_order = WordOrder::kHighFirst;

  // Whether the word order matters: numbers of several registers (uint32, sint32, uint64,
  // uint128, float32); strings and event arrays are sequences, not numbers.
  constexpr bool has_word_order() const {
    switch (kind) {
      case ValueKind::kUint32:
      case ValueKind::kSint32:
      case ValueKind::kUint64:
      case ValueKind::kUint128:
      case ValueKind::kFloat32:
        return true;
      default:
        return false;
    }
  }

  constexpr std::size_t register_count() const {
    switch (kind) {
      case ValueKind::kUint16:
      case ValueKind::kSint16:
      case ValueKind::kBoolean:
        return 1;
      case ValueKind::kUint32:
      case ValueKind::kSint32:
      case ValueKind::kFloat32:
        return 2;
      case ValueKind::kUint64:
        return 4;
      case ValueKind::kUint128:
        return 8;
      case ValueKind::kString:
        return (std::size_t{string_chars} + 1) / 2;
      case ValueKind::kEventArray:
        return kEventArrayRegisters;
    }
    return 1;
  }

  friend constexpr bool operator==(const DataType&, const DataType&) = default;
};

inline constexpr DataType kUint16{ValueKind::kUint16};
inline constexpr DataType kSint16{ValueKind::kSint16};
inline constexpr DataType kUint32{ValueKind::kUint32};
inline constexpr DataType kSint32{ValueKind::kSint32};
inline constexpr DataType kUint64{ValueKind::kUint64};
inline constexpr DataType kUint128{ValueKind::kUint128};
inline constexpr DataType kFloat32{ValueKind::kFloat32};
inline constexpr DataType kBoolean{ValueKind::kBoolean};
inline constexpr DataType kEventArray{ValueKind::kEventArray};
constexpr DataType str(std::uint16_t chars) {
  return DataType{ValueKind::kString, chars};
}

// Turns words between the order `type` sends them in and high word first, the order the
// decoders and encoders work in: reversed for a low-word-first number, else left alone. Its
// own inverse.
constexpr void swap_word_order(DataType type, std::span<std::uint16_t> words) {
  if (type.word_order == WordOrder::kLowFirst && type.has_word_order()) {
    std::ranges::reverse(words);
  }
}

}  // namespace mbh::codec
