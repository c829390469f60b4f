#include "harness/simulator/value_faults.hpp"

#include <algorithm>

#include "harness/codec/values/value_encoders.hpp"
#include "harness/simulator/fault_names.hpp"
#include "harness/simulator/row_words.hpp"

namespace mbh::simulator {
namespace {

using codec::ValueKind;
using models::RegisterMap;
using models::RegisterRow;
using models::Space;

constexpr std::uint16_t kWrongCommonLength = 65;     // not 66
constexpr std::uint16_t kUnknownEventCode = 0x1234;  // in no row of the Error Codes table
constexpr double kPercentTooHigh = 101.0;

bool is_integer(const RegisterRow& row) {
  switch (row.type.kind) {
    case ValueKind::kUint16:
    case ValueKind::kSint16:
    case ValueKind::kUint32:
    case ValueKind::kSint32:
    case ValueKind::kUint64:
      return true;
    default:
      return false;
  }
}

std::uint64_t past_largest_listed(const RegisterRow& row) {
  std::uint64_t largest = 0;
  for (const models::EnumEntry& entry : row.enums)
    largest = std::max<std::uint64_t>(largest, entry.value);
  return largest + 1;
}

std::uint64_t lowest_undefined_bit(const RegisterRow& row) {
  const unsigned width = static_cast<unsigned>(16 * row.type.register_count());
  for (unsigned bit = 0; bit < width && bit < 64; ++bit) {
    const bool defined =
        std::ranges::any_of(row.bits, [bit](const models::BitEntry& b) { return b.bit == bit; });
    if (!defined) return std::uint64_t{1} << bit;
  }
  return 0;
}

// A fixed value with its lowest bit flipped: "SunT" for "SunS", "EL20" for "EL21".
std::uint64_t wrong_fixed(const RegisterRow& row) {
  return *row.fixed ^ 1U;
}

// The warnings array where a map has two (Enapter's 768 before the errors' 832).
bool is_first_event_array(const RegisterMap& map, const RegisterRow& row) {
  for (const RegisterRow& other : map.rows) {
    if (other.type.kind == ValueKind::kEventArray) return &other == &row;
  }
  return false;
}

bool is_sunspec_marker(const RegisterMap& map, const RegisterRow& row) {
  return map.structure == models::ModelStructure::kSunSpec && row.fixed &&
         row.type.kind == ValueKind::kUint32 && row.display == models::Display::kAscii;
}

}  // namespace

std::optional<codec::RegisterWords> faulty_value(std::string_view fault, const RegisterMap& map,
                                                 const RegisterRow& row) {
  namespace names = fault_names;
  // Read-only rows only where a patched writable row would also break R-READBACK: each fault
  // is to break its one rule.
  const bool read_only = row.access == models::Access::kRead;
  const bool sunspec = map.structure == models::ModelStructure::kSunSpec;
  if (fault == names::kEnumOutOfRange && read_only && !row.enums.empty() && is_integer(row)) {
    return integer_words(row, past_largest_listed(row));
  }
  if (fault == names::kUndefinedBit && !row.bits.empty() && is_integer(row) &&
      lowest_undefined_bit(row) != 0) {
    return integer_words(row, lowest_undefined_bit(row));
  }
  if (fault == names::kUnknownEventCode && is_first_event_array(map, row)) {
    codec::DecodedEventArray events;  // the warnings; the errors follow
    events.count = 1;
    events.codes[0] = kUnknownEventCode;
    events.size = 1;
    return codec::encode_event_array(events);
  }
  if (fault == names::kSunSpecMarkerWrong && is_sunspec_marker(map, row)) {
    return integer_words(row, wrong_fixed(row));
  }
  if (fault == names::kSunSpecLengthWrong && sunspec && row.name == "Common Base Model Length") {
    return codec::encode_uint16(kWrongCommonLength);
  }
  // Every other fixed value (Enapter's Device Model "EL21" reads "EL20").
  if (fault == names::kDeviceModelWrong && row.fixed && !sunspec && is_integer(row)) {
    return integer_words(row, wrong_fixed(row));
  }
  if (fault == names::kPercentOver100 && read_only && row.units == "%") {
    if (auto words = codec::from_physical(kPercentTooHigh, row.type, row.scale, row.offset)) {
      return std::move(words).value();
    }
  }
  return std::nullopt;
}

ValuePatches::ValuePatches(const RegisterMap& map, const ActiveFaults& faults) {
  namespace names = fault_names;
  const std::pair<std::string_view, bool> active[] = {
      {names::kEnumOutOfRange, faults.enum_out_of_range},
      {names::kUndefinedBit, faults.undefined_bit},
      {names::kUnknownEventCode, faults.unknown_event_code},
      {names::kSunSpecMarkerWrong, faults.sunspec_marker_wrong},
      {names::kSunSpecLengthWrong, faults.sunspec_length_wrong},
      {names::kDeviceModelWrong, faults.device_model_wrong},
      {names::kPercentOver100, faults.percent_over_100},
  };
  for (const RegisterRow& row : map.rows) {
    for (const auto& [fault, on] : active) {
      if (!on) continue;
      if (const auto words = faulty_value(fault, map, row)) patch_row(row, words->span());
    }
  }
  std::ranges::stable_sort(patches_, [](const Patch& a, const Patch& b) {
    return a.space != b.space ? a.space < b.space : a.address < b.address;
  });
}

void ValuePatches::patch_row(const RegisterRow& row, std::span<const std::uint16_t> words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    patches_.push_back(Patch{row.space, static_cast<std::uint16_t>(row.address + i), words[i]});
  }
}

void ValuePatches::apply(Space space, std::uint16_t first,
                         std::span<std::uint16_t> registers) const {
  const std::size_t end = first + registers.size();
  for (const Patch& patch : patches_) {
    if (patch.space == space && patch.address >= first && patch.address < end) {
      registers[patch.address - first] = patch.value;
    }
  }
}

}  // namespace mbh::simulator
