#include "harness/simulator/row_values.hpp"

#include <fmt/format.h>

#include <string>

#include "harness/codec/values/value_encoders.hpp"
#include "harness/simulator/row_words.hpp"
#include "harness/simulator/simulation_random.hpp"
#include "models/readout.hpp"

namespace mbh::simulator {
namespace {

using codec::ValueKind;
using models::RegisterRow;

// A physical value in the row's units through its scale and offset; zeros where the type
// cannot hold it.
codec::RegisterWords physical_words(const RegisterRow& row, double physical) {
  if (auto words = codec::from_physical(physical, row.type, row.scale, row.offset)) {
    return std::move(words).value();
  }
  return integer_words(row, 0);
}

bool is_signed(ValueKind kind) {
  return kind == ValueKind::kSint16 || kind == ValueKind::kSint32;
}

codec::RegisterWords value_for(const models::RegisterMap& map, const RegisterRow& row,
                               SimulationRandom& random) {
  if (row.fixed) return integer_words(row, *row.fixed);
  if (const auto length = models::model_length(map, row)) return integer_words(row, *length);
  if (models::is_scale_factor(row)) return integer_words(row, 0);
  // A command register at rest: 0 unless it has a value that orders nothing (R-ENUM).
  if (row.command) return integer_words(row, row.no_command.value_or(0));
  switch (row.type.kind) {
    case ValueKind::kString: {
      const std::string text = fmt::format("SIM{:06}", random.below(1'000'000));
      auto words =
          codec::encode_string(text.substr(0, row.type.string_chars), row.type.string_chars);
      return words ? std::move(words).value() : codec::RegisterWords{};
    }
    case ValueKind::kEventArray:
      return codec::encode_event_array(codec::DecodedEventArray{});  // no events
    case ValueKind::kBoolean:
      return codec::encode_boolean(random.one_in(2));
    default:
      break;
  }
  if (!row.enums.empty()) {
    const auto& entry = row.enums[random.below(static_cast<std::uint32_t>(row.enums.size()))];
    return integer_words(row, entry.value);
  }
  if (!row.bits.empty()) {
    std::uint64_t raw = 0;
    for (const models::BitEntry& bit : row.bits) {
      if (bit.bit < 64 && random.one_in(4)) raw |= std::uint64_t{1} << bit.bit;
    }
    return integer_words(row, raw);
  }
  if (row.units == "%") return physical_words(row, random.between(0.0, 100.0));
  if (row.type.kind == ValueKind::kFloat32) return physical_words(row, random.between(0.0, 1000.0));
  // A raw value a small count away from zero: valid in any unit the document may give.
  const std::uint32_t magnitude = random.below(1000);
  if (is_signed(row.type.kind) && random.one_in(2)) {
    return integer_words(row, static_cast<std::uint64_t>(-static_cast<std::int64_t>(magnitude)));
  }
  return integer_words(row, magnitude);
}

}  // namespace

void put_valid_values(const models::RegisterMap& map, std::uint64_t seed, RegisterBank& bank) {
  SimulationRandom random(seed);
  for (const RegisterRow& row : map.rows) {
    const codec::RegisterWords words = value_for(map, row, random);
    bank.write(row.space, row.address, words.span());
  }
}

}  // namespace mbh::simulator
