#include "harness/simulator/value_faults.hpp"

#include <algorithm>

#include "harness/codec/values/value_encoders.hpp"

namespace mbh::simulator {
namespace {

using codec::ValueKind;
using models::RegisterMap;
using models::RegisterRow;
using models::Space;

constexpr std::uint16_t kWrongCommonLength = 65;     // not 66
constexpr std::uint16_t kUnknownEventCode = 0x1234;  // in no row of the Error Codes table
constexpr double kPercentTooHigh = 101.0;

// An integer in a row's own type (the enumerated and bitmap rows are integers).
codec::RegisterWords integer_words(const RegisterRow& row, std::uint64_t raw) {
  switch (row.type.kind) {
    case ValueKind::kUint32:
      return codec::encode_uint32(static_cast<std::uint32_t>(raw));
    case ValueKind::kSint32:
      return codec::encode_sint32(static_cast<std::int32_t>(raw));
    case ValueKind::kUint64:
      return codec::encode_uint64(raw);
    default:
      return codec::encode_uint16(static_cast<std::uint16_t>(raw));
  }
}

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

bool is_sunspec_marker(const RegisterMap& map, const RegisterRow& row) {
  return map.structure == models::ModelStructure::kSunSpec && row.fixed &&
         row.type.kind == ValueKind::kUint32 && row.display == models::Display::kAscii;
}

}  // namespace

ValuePatches::ValuePatches(const RegisterMap& map, const ActiveFaults& faults) {
  bool first_event_array = true;
  for (const RegisterRow& row : map.rows) {
    // Read-only rows only: a patched writable row would also break R-READBACK, and each fault
    // is to break its one rule.
    const bool read_only = row.access == models::Access::kRead;
    if (faults.enum_out_of_range && read_only && !row.enums.empty() && is_integer(row)) {
      patch_row(row, integer_words(row, past_largest_listed(row)).span());
    }
    if (faults.undefined_bit && !row.bits.empty() && is_integer(row)) {
      patch_row(row, integer_words(row, lowest_undefined_bit(row)).span());
    }
    if (row.type.kind == ValueKind::kEventArray && first_event_array) {
      first_event_array = false;  // the warnings; the errors follow
      if (faults.unknown_event_code) {
        codec::DecodedEventArray events;
        events.count = 1;
        events.codes[0] = kUnknownEventCode;
        events.size = 1;
        patch_row(row, codec::encode_event_array(events).span());
      }
    }
    if (faults.sunspec_marker_wrong && is_sunspec_marker(map, row)) {
      patch_row(row, integer_words(row, wrong_fixed(row)).span());
    }
    if (faults.sunspec_length_wrong && map.structure == models::ModelStructure::kSunSpec &&
        row.name == "Common Base Model Length") {
      patch_row(row, codec::encode_uint16(kWrongCommonLength).span());
    }
    // Every other fixed value (Enapter's Device Model "EL21" reads "EL20").
    if (faults.device_model_wrong && row.fixed && !is_sunspec_marker(map, row) &&
        map.structure != models::ModelStructure::kSunSpec && is_integer(row)) {
      patch_row(row, integer_words(row, wrong_fixed(row)).span());
    }
    if (faults.percent_over_100 && read_only && row.units == "%") {
      if (auto words = codec::from_physical(kPercentTooHigh, row.type, row.scale, row.offset)) {
        patch_row(row, words.value().span());
      }
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
