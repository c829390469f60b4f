#include "conformance/value_choice.hpp"

#include <algorithm>
#include <cmath>

#include "harness/codec/values/value_decoders.hpp"
#include "harness/codec/values/value_encoders.hpp"

namespace mbh::conformance {
namespace {

using codec::ValueKind;

std::vector<std::uint16_t> words_of(const codec::RegisterWords& words) {
  return {words.span().begin(), words.span().end()};
}

// One raw step that keeps `raw` inside [low, high], downwards when it can.
template <class T>
T step(T raw, T low, T high) {
  if (raw > low) return static_cast<T>(raw - 1);
  if (raw < high) return static_cast<T>(raw + 1);
  return raw;
}

bool is_percent(const models::RegisterRow& row) {
  return row.units == "%";
}

// nearby_valid_value on the words high word first.
std::vector<std::uint16_t> nearby_high_first(const models::RegisterRow& row,
                                             std::span<const std::uint16_t> original) {
  std::vector<std::uint16_t> same(original.begin(), original.end());
  if (!row.enums.empty() && original.size() == 1) {
    // The next listed value above the current one, else the one below.
    const std::uint16_t now = original[0];
    const models::EnumEntry* above = nullptr;
    const models::EnumEntry* below = nullptr;
    for (const auto& e : row.enums) {
      if (e.value > now && (above == nullptr || e.value < above->value)) above = &e;
      if (e.value < now && (below == nullptr || e.value > below->value)) below = &e;
    }
    const auto* pick = above != nullptr ? above : below;
    if (pick != nullptr) return {static_cast<std::uint16_t>(pick->value)};
    return same;
  }
  switch (row.type.kind) {
    case ValueKind::kBoolean:
      return {static_cast<std::uint16_t>(original[0] == 0 ? 1 : 0)};
    case ValueKind::kUint16: {
      const std::uint16_t high = is_percent(row) && row.scale == 1.0 ? 100 : 0xFFFF;
      return {step<std::uint16_t>(original[0], 0, high)};
    }
    case ValueKind::kSint16:
      return words_of(codec::encode_sint16(
          step<std::int16_t>(static_cast<std::int16_t>(original[0]), INT16_MIN, INT16_MAX)));
    case ValueKind::kUint32: {
      const auto now = codec::decode_uint32(original);
      if (!now) return same;
      return words_of(codec::encode_uint32(step<std::uint32_t>(now.value(), 0, UINT32_MAX)));
    }
    case ValueKind::kSint32: {
      const auto now = codec::decode_sint32(original);
      if (!now) return same;
      return words_of(codec::encode_sint32(step<std::int32_t>(now.value(), INT32_MIN, INT32_MAX)));
    }
    case ValueKind::kFloat32: {
      const auto now = codec::decode_float32(original);
      if (!now) return same;
      float value = std::isfinite(now.value()) ? now.value() : 1.0F;
      const float high = is_percent(row) ? 100.0F : 1e9F;
      value = value >= 1.0F ? value - 0.5F : std::min(value + 0.5F, high);
      return words_of(codec::encode_float32(value));
    }
    default:
      return same;  // strings, uint64, uint128, event arrays: none is writable in the maps
  }
}

}  // namespace

std::vector<std::uint16_t> nearby_valid_value(const models::RegisterRow& row,
                                              std::span<const std::uint16_t> original) {
  // The steps work on the number high word first; the device gets its own order back.
  std::vector<std::uint16_t> words(original.begin(), original.end());
  codec::swap_word_order(row.type, words);
  std::vector<std::uint16_t> nearby = nearby_high_first(row, words);
  codec::swap_word_order(row.type, nearby);
  return nearby;
}

std::vector<std::uint16_t> distinct_value(std::span<const std::uint16_t> original) {
  std::vector<std::uint16_t> value;
  for (const std::uint16_t word : original)
    value.push_back(static_cast<std::uint16_t>(word ^ 0x5AA5U));
  return value;
}

}  // namespace mbh::conformance
