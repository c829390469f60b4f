#include "harness/simulator/row_words.hpp"

namespace mbh::simulator {

namespace {

codec::RegisterWords high_word_first(const models::RegisterRow& row, std::uint64_t raw) {
  switch (row.type.kind) {
    case codec::ValueKind::kSint16:
      return codec::encode_sint16(static_cast<std::int16_t>(raw));
    case codec::ValueKind::kUint32:
      return codec::encode_uint32(static_cast<std::uint32_t>(raw));
    case codec::ValueKind::kSint32:
      return codec::encode_sint32(static_cast<std::int32_t>(raw));
    case codec::ValueKind::kUint64:
      return codec::encode_uint64(raw);
    case codec::ValueKind::kUint128:
      return codec::encode_uint128(codec::Uint128{0, raw});
    default:
      return codec::encode_uint16(static_cast<std::uint16_t>(raw));
  }
}

}  // namespace

codec::RegisterWords integer_words(const models::RegisterRow& row, std::uint64_t raw) {
  codec::RegisterWords words = high_word_first(row, raw);
  codec::swap_word_order(row.type, std::span<std::uint16_t>(words.words.data(), words.size));
  return words;
}

}  // namespace mbh::simulator
