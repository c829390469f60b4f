#pragma once
// The input layout of fuzz_values, in one place so that the target reads and the seed generator
// writes the same thing: seeds built from the maps' rows then mean what they say. Big-endian
// throughout, so the dictionary's address and float tokens land on whole fields:
//   selector   u8   bits 0-1: the map (0 conext-bms, 1 conext-ags, 2 enapter-el21, 3 none);
//                   bit 2: the input space; bit 3: a register count follows the type
//   with a map      address u16: the row holding it, or rows[address % rows] in a gap
//   without a map   kind u8 (mod 12; 10 and 11 lie outside ValueKind), chars u16 (str<n>,
//                   mod 1024), scale f64, offset f64 (any bits: NaN, infinities, zero...)
//   if bit 3        count u16 (mod 1024); otherwise the type's own register count
//   registers       count x u16
//   physical        f64
// Bytes missing at the end read as zero, so every byte string is an input.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "harness/codec/values/data_type.hpp"
#include "models/register_map.hpp"

namespace mbh::fuzz {

inline constexpr std::uint8_t kNoMap = 3;

// Whether kind is one of ValueKind's enumerators (the layout also makes two that are not).
constexpr bool in_value_kind(codec::ValueKind kind) {
  return static_cast<unsigned>(kind) <= static_cast<unsigned>(codec::ValueKind::kEventArray);
}

// The layout's fields as written; value_case.cpp turns them into a ValueCase.
struct ValueInput {
  std::uint8_t map = kNoMap;
  bool input_space = false;
  std::uint16_t address = 0;  // with a map
  std::uint8_t kind = 0;      // without a map
  std::uint16_t chars = 0;
  double scale = 1.0;
  double offset = 0.0;
  std::optional<std::uint16_t> count;  // registers to read when not the type's count
  std::vector<std::uint16_t> registers;
  double physical = 0.0;
};

// What the target checks: a data type with its scale and offset, registers and a physical value.
struct ValueCase {
  const models::RegisterRow* row = nullptr;  // the map row the type came from, if any
  codec::DataType type;
  double scale = 1.0;
  double offset = 0.0;
  std::vector<std::uint16_t> registers;
  double physical = 0.0;
};

ValueCase read_value_case(std::span<const std::byte> bytes);
std::vector<std::uint8_t> write_value_input(const ValueInput& input);

}  // namespace mbh::fuzz
