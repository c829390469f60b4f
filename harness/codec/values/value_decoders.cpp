#include "harness/codec/values/value_decoders.hpp"

#include <algorithm>
#include <bit>
#include <string_view>
#include <type_traits>
#include <utility>

namespace mbh::codec {
namespace {

// Up to four registers, high word first, as one unsigned integer.
std::uint64_t join_words(Registers words) {
  std::uint64_t joined = 0;
  for (const std::uint16_t word : words)
    joined = (joined << 16) | word;
  return joined;
}

// Byte i of a register run: even i is a register's high byte, odd i its low byte.
unsigned char byte_at(Registers registers, std::size_t i) {
  const std::uint16_t word = registers[i / 2];
  return static_cast<unsigned char>(i % 2 == 0 ? word >> 8 : word & 0xFFu);
}

constexpr bool is_printable_ascii(unsigned char byte) {
  return byte >= 0x20 && byte <= 0x7E;
}

void append_hex(std::string& text, std::uint64_t value) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4)
    text.push_back(kDigits[(value >> shift) & 0xFu]);
}

// Wraps a typed decoder's result as a Value, passing any error through.
template <class T>
Result<Value, ValueError> as_value(Result<T, ValueError> decoded) {
  if (!decoded) return fail(decoded.error());
  return Value{std::in_place_type<T>, std::move(decoded).value()};
}

}  // namespace

std::string to_hex(Uint128 value) {
  std::string text = "0x";
  text.reserve(34);
  append_hex(text, value.high);
  append_hex(text, value.low);
  return text;
}

Result<std::uint16_t, ValueError> decode_uint16(Registers registers) {
  if (registers.size() != kUint16.register_count()) return fail(ValueError::kWrongRegisterCount);
  return registers[0];
}

Result<std::int16_t, ValueError> decode_sint16(Registers registers) {
  if (registers.size() != kSint16.register_count()) return fail(ValueError::kWrongRegisterCount);
  return static_cast<std::int16_t>(registers[0]);  // C++20: two's complement, modular
}

Result<std::uint32_t, ValueError> decode_uint32(Registers registers) {
  if (registers.size() != kUint32.register_count()) return fail(ValueError::kWrongRegisterCount);
  return static_cast<std::uint32_t>(join_words(registers));
}

Result<std::int32_t, ValueError> decode_sint32(Registers registers) {
  if (registers.size() != kSint32.register_count()) return fail(ValueError::kWrongRegisterCount);
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(join_words(registers)));
}

Result<std::uint64_t, ValueError> decode_uint64(Registers registers) {
  if (registers.size() != kUint64.register_count()) return fail(ValueError::kWrongRegisterCount);
  return join_words(registers);
}

Result<Uint128, ValueError> decode_uint128(Registers registers) {
  if (registers.size() != kUint128.register_count()) return fail(ValueError::kWrongRegisterCount);
  return Uint128{join_words(registers.first(4)), join_words(registers.subspan(4))};
}

Result<float, ValueError> decode_float32(Registers registers) {
  if (registers.size() != kFloat32.register_count()) return fail(ValueError::kWrongRegisterCount);
  // bit_cast, not arithmetic, so every bit pattern (NaN payloads included) survives.
  return std::bit_cast<float>(static_cast<std::uint32_t>(join_words(registers)));
}

Result<bool, ValueError> decode_boolean(Registers registers) {
  if (registers.size() != kBoolean.register_count()) return fail(ValueError::kWrongRegisterCount);
  return registers[0] != 0;
}

Result<DecodedString, ValueError> decode_string(Registers registers, std::uint16_t chars) {
  if (registers.size() != str(chars).register_count()) {
    return fail(ValueError::kWrongRegisterCount);
  }
  DecodedString decoded;
  // str<odd> has one byte more than its characters; that byte is padding like the NULs.
  const std::size_t byte_count = registers.size() * 2;
  bool in_padding = false;
  for (std::size_t i = 0; i < byte_count; ++i) {
    const unsigned char byte = byte_at(registers, i);
    if (byte == 0 || i >= chars) in_padding = true;
    if (in_padding) {
      if (byte != 0) decoded.padding_all_nul = false;
      continue;
    }
    if (!is_printable_ascii(byte)) decoded.non_printable.push_back(i);
    decoded.text.push_back(static_cast<char>(byte));
  }
  return decoded;
}

Result<DecodedEventArray, ValueError> decode_event_array(Registers registers) {
  if (registers.size() != kEventArray.register_count()) {
    return fail(ValueError::kWrongRegisterCount);
  }
  DecodedEventArray events;
  events.count = registers[0];
  events.size = std::min<std::size_t>(events.count, kMaxEventCodes);
  const Registers slots = registers.subspan(1);
  std::copy_n(slots.begin(), events.size, events.codes.begin());
  const Registers rest = slots.subspan(events.size);
  events.rest_all_zero =
      std::all_of(rest.begin(), rest.end(), [](std::uint16_t w) { return w == 0; });
  return events;
}

Result<Value, ValueError> decode_value(DataType type, Registers registers) {
  std::array<std::uint16_t, 8> high_first{};  // the longest number, uint128
  if (type.word_order == WordOrder::kLowFirst && type.has_word_order() &&
      registers.size() <= high_first.size()) {
    std::ranges::copy(registers, high_first.begin());
    const std::span<std::uint16_t> words(high_first.data(), registers.size());
    swap_word_order(type, words);
    registers = words;
  }
  switch (type.kind) {
    case ValueKind::kUint16:
      return as_value(decode_uint16(registers));
    case ValueKind::kSint16:
      return as_value(decode_sint16(registers));
    case ValueKind::kUint32:
      return as_value(decode_uint32(registers));
    case ValueKind::kSint32:
      return as_value(decode_sint32(registers));
    case ValueKind::kUint64:
      return as_value(decode_uint64(registers));
    case ValueKind::kUint128:
      return as_value(decode_uint128(registers));
    case ValueKind::kFloat32:
      return as_value(decode_float32(registers));
    case ValueKind::kBoolean:
      return as_value(decode_boolean(registers));
    case ValueKind::kString:
      return as_value(decode_string(registers, type.string_chars));
    case ValueKind::kEventArray:
      return as_value(decode_event_array(registers));
  }
  return fail(ValueError::kKindMismatch);  // a ValueKind cast in from outside the enum
}

BitPositions set_bits(std::uint64_t raw, unsigned width) {
  BitPositions positions;
  const unsigned bit_count = std::min(width, 64u);
  for (unsigned bit = 0; bit < bit_count; ++bit) {
    if (((raw >> bit) & 1u) != 0) positions.bits[positions.size++] = static_cast<std::uint8_t>(bit);
  }
  return positions;
}

double to_physical(Uint128 raw, double scale, double offset) {
  // high x 2^64 + low, each half rounded to double once; ample for a 53-bit mantissa.
  const double raw_value = static_cast<double>(raw.high) * 0x1p64 + static_cast<double>(raw.low);
  return raw_value * scale + offset;
}

Result<double, ValueError> value_to_physical(const Value& value, double scale, double offset) {
  return std::visit(
      [scale, offset](const auto& raw) -> Result<double, ValueError> {
        using Raw = std::decay_t<decltype(raw)>;
        if constexpr (std::is_same_v<Raw, DecodedString> ||
                      std::is_same_v<Raw, DecodedEventArray>) {
          return fail(ValueError::kNotNumeric);
        } else if constexpr (std::is_same_v<Raw, bool>) {
          return to_physical(raw ? 1 : 0, scale, offset);
        } else {
          return to_physical(raw, scale, offset);
        }
      },
      value);
}

}  // namespace mbh::codec
