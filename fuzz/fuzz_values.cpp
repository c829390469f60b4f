// The value decoders and encoders, every ValueKind, with scale and offset from a row of the
// three maps or from the input (value_case.hpp). Properties, not just survival:
// - every per-type decoder and decode_value refuse a span of the wrong length with
//   kWrongRegisterCount, decode any span of the right length, and agree with each other;
// - a decoded string or event array says exactly what its registers hold;
// - encode(decode(x)) is x wherever the decoded form is canonical: integers, uint128, float32
//   bit for bit (NaN payloads too), booleans 0 and 1, strings padded with NULs only, event
//   arrays with zeros after their codes. Elsewhere it is x made canonical (a boolean's word 1,
//   NULs after a string's text, zeros after the codes), and decoding that gives decode(x) with
//   its padding or tail flag clean; str<n> over 250 characters is kStringTooLong;
// - encode_value agrees with the per-type encoders and refuses a value of another kind;
// - the physical path, scale and offset included (value_physical.hpp).
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/value_case.hpp"
#include "fuzz/value_physical.hpp"
#include "harness/codec/values/value_decoders.hpp"
#include "harness/codec/values/value_encoders.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace codec = mbh::codec;
using codec::DataType;
using codec::Registers;
using codec::Value;
using codec::ValueError;
using Words = std::vector<std::uint16_t>;

// Bit for bit: a float NaN equals itself here, as the registers it came from do.
bool same_value(const Value& a, const Value& b) {
  const auto* x = std::get_if<float>(&a);
  const auto* y = std::get_if<float>(&b);
  if (x != nullptr && y != nullptr)
    return std::bit_cast<std::uint32_t>(*x) == std::bit_cast<std::uint32_t>(*y);
  return a == b;
}

// The per-type decoder and encoder of each Value alternative, chosen by the C++ type rather
// than by a ValueKind, so that decode_value's and encode_value's dispatch is checked.
template <class T>
mbh::Result<T, ValueError> decode_as(Registers registers, std::uint16_t chars) {
  if constexpr (std::is_same_v<T, std::uint16_t>) {
    return codec::decode_uint16(registers);
  } else if constexpr (std::is_same_v<T, std::int16_t>) {
    return codec::decode_sint16(registers);
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    return codec::decode_uint32(registers);
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return codec::decode_sint32(registers);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return codec::decode_uint64(registers);
  } else if constexpr (std::is_same_v<T, codec::Uint128>) {
    return codec::decode_uint128(registers);
  } else if constexpr (std::is_same_v<T, float>) {
    return codec::decode_float32(registers);
  } else if constexpr (std::is_same_v<T, bool>) {
    return codec::decode_boolean(registers);
  } else if constexpr (std::is_same_v<T, codec::DecodedString>) {
    return codec::decode_string(registers, chars);
  } else {
    return codec::decode_event_array(registers);
  }
}

mbh::Result<codec::RegisterWords, ValueError> encode_as(const Value& value, std::uint16_t chars) {
  return std::visit(
      [chars](const auto& raw) -> mbh::Result<codec::RegisterWords, ValueError> {
        using T = std::decay_t<decltype(raw)>;
        if constexpr (std::is_same_v<T, std::uint16_t>) {
          return codec::encode_uint16(raw);
        } else if constexpr (std::is_same_v<T, std::int16_t>) {
          return codec::encode_sint16(raw);
        } else if constexpr (std::is_same_v<T, std::uint32_t>) {
          return codec::encode_uint32(raw);
        } else if constexpr (std::is_same_v<T, std::int32_t>) {
          return codec::encode_sint32(raw);
        } else if constexpr (std::is_same_v<T, std::uint64_t>) {
          return codec::encode_uint64(raw);
        } else if constexpr (std::is_same_v<T, codec::Uint128>) {
          return codec::encode_uint128(raw);
        } else if constexpr (std::is_same_v<T, float>) {
          return codec::encode_float32(raw);
        } else if constexpr (std::is_same_v<T, bool>) {
          return codec::encode_boolean(raw);
        } else if constexpr (std::is_same_v<T, codec::DecodedString>) {
          return codec::encode_string(raw.text, chars);
        } else {
          return codec::encode_event_array(raw);
        }
      },
      value);
}

// Alternative I of Value is the decoding of ValueKind I (value_decoders.hpp).
template <std::size_t I>
void check_decoder(Registers registers, std::uint16_t chars) {
  using T = std::variant_alternative_t<I, Value>;
  const auto kind = static_cast<codec::ValueKind>(I);
  const DataType type{kind, kind == codec::ValueKind::kString ? chars : std::uint16_t{0}};
  const auto typed = decode_as<T>(registers, chars);
  const auto generic = codec::decode_value(type, registers);
  if (registers.size() != type.register_count()) {
    if (typed.ok() || typed.error() != ValueError::kWrongRegisterCount || generic.ok() ||
        generic.error() != ValueError::kWrongRegisterCount) {
      invariant_broken("a span of the wrong length is not kWrongRegisterCount");
    }
    return;
  }
  if (!typed.ok() || !generic.ok()) invariant_broken("a span of the right length did not decode");
  if (generic.value().index() != I ||
      !same_value(generic.value(), Value{std::in_place_index<I>, typed.value()})) {
    invariant_broken("decode_value disagrees with the per-type decoder");
  }
}

template <std::size_t... I>
void check_every_decoder(Registers registers, std::uint16_t chars, std::index_sequence<I...>) {
  (check_decoder<I>(registers, chars), ...);
}

unsigned byte_at(Registers registers, std::size_t i) {
  return i % 2 == 0 ? registers[i / 2] >> 8 : registers[i / 2] & 0xFFu;
}

// str<n>: the bytes before the first NUL (at most n), the non-printable ones listed, and the
// padding flag saying whether everything after them is NUL.
void check_string_form(const codec::DecodedString& decoded, Registers registers,
                       std::uint16_t chars) {
  const std::size_t length = decoded.text.size();
  const std::size_t bytes = registers.size() * 2;
  if (length > chars) invariant_broken("string text longer than its field");
  if (length < chars && byte_at(registers, length) != 0) invariant_broken("string cut before NUL");
  std::vector<std::size_t> non_printable;
  for (std::size_t i = 0; i < length; ++i) {
    const unsigned byte = byte_at(registers, i);
    if (byte == 0 || static_cast<unsigned char>(decoded.text[i]) != byte) {
      invariant_broken("string text is not the register bytes");
    }
    if (byte < 0x20 || byte > 0x7E) non_printable.push_back(i);
  }
  if (non_printable != decoded.non_printable) invariant_broken("non-printable bytes misreported");
  bool padding_all_nul = true;
  for (std::size_t i = length; i < bytes; ++i)
    padding_all_nul = padding_all_nul && byte_at(registers, i) == 0;
  if (padding_all_nul != decoded.padding_all_nul) invariant_broken("string padding misreported");
}

void check_event_form(const codec::DecodedEventArray& events, Registers registers) {
  if (events.count != registers[0] ||
      events.size != std::min<std::size_t>(events.count, codec::kMaxEventCodes)) {
    invariant_broken("event array count or size misreported");
  }
  const Registers rest = registers.subspan(1 + events.size);
  if (!std::ranges::equal(events.listed(), registers.subspan(1, events.size)) ||
      events.rest_all_zero != std::ranges::all_of(rest, [](std::uint16_t w) { return w == 0; })) {
    invariant_broken("event array codes or tail misreported");
  }
}

// What encoding decode(x) must give: x with what decoding set aside made canonical.
Words canonical_registers(const Value& value, Registers registers) {
  Words out(registers.begin(), registers.end());
  if (const auto* flag = std::get_if<bool>(&value)) out[0] = *flag ? 1 : 0;
  if (const auto* text = std::get_if<codec::DecodedString>(&value)) {
    for (std::size_t i = text->text.size(); i < out.size() * 2; ++i)
      out[i / 2] = static_cast<std::uint16_t>(out[i / 2] & (i % 2 == 0 ? 0x00FFu : 0xFF00u));
  }
  if (const auto* events = std::get_if<codec::DecodedEventArray>(&value)) {
    std::fill(out.begin() + 1 + static_cast<std::ptrdiff_t>(events->size), out.end(), 0);
  }
  return out;
}

// decode(x) as decoding the canonical registers gives it: the padding and tail flags clean.
Value made_canonical(Value value) {
  if (auto* text = std::get_if<codec::DecodedString>(&value)) text->padding_all_nul = true;
  if (auto* events = std::get_if<codec::DecodedEventArray>(&value)) events->rest_all_zero = true;
  return value;
}

bool says_canonical(const Value& value, Registers registers) {
  if (std::holds_alternative<bool>(value)) return registers[0] <= 1;
  if (const auto* text = std::get_if<codec::DecodedString>(&value)) return text->padding_all_nul;
  if (const auto* events = std::get_if<codec::DecodedEventArray>(&value)) {
    return events->rest_all_zero;
  }
  return true;
}

void check_round_trip(DataType type, const Value& value, Registers registers) {
  const Words canonical = canonical_registers(value, registers);
  if (std::ranges::equal(canonical, registers) != says_canonical(value, registers)) {
    invariant_broken("the decoded form misreports whether its registers are canonical");
  }
  const auto encoded = codec::encode_value(type, value);
  if (type.string_chars > codec::kMaxStringChars) {
    if (encoded.ok() || encoded.error() != ValueError::kStringTooLong) {
      invariant_broken("a str<n> over the limit was not kStringTooLong");
    }
    return;
  }
  if (!encoded.ok() || !std::ranges::equal(encoded.value().span(), canonical)) {
    invariant_broken("encode(decode(x)) is not x made canonical");
  }
  const auto again = codec::decode_value(type, encoded.value().span());
  if (!again.ok() || !same_value(again.value(), made_canonical(value))) {
    invariant_broken("decode(encode(decode(x))) is not decode(x) made canonical");
  }
}

void check_generic_encoder(DataType type, const Value& value) {
  const auto generic = codec::encode_value(type, value);
  const auto typed = encode_as(value, type.string_chars);
  if (generic.ok() != typed.ok() || (generic.ok() && !(generic.value() == typed.value())) ||
      (!generic.ok() && generic.error() != typed.error())) {
    invariant_broken("encode_value disagrees with the per-type encoder");
  }
  const auto next_kind = static_cast<codec::ValueKind>((static_cast<unsigned>(type.kind) + 1) %
                                                       std::variant_size_v<Value>);
  const auto mismatch = codec::encode_value(DataType{next_kind, type.string_chars}, value);
  if (mismatch.ok() || mismatch.error() != ValueError::kKindMismatch) {
    invariant_broken("encode_value took a value of another kind");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const mbh::fuzz::ExactInput input(data, size);
  const mbh::fuzz::ValueCase c = mbh::fuzz::read_value_case(input.span());
  const Registers registers = c.registers;
  check_every_decoder(registers, c.type.string_chars,
                      std::make_index_sequence<std::variant_size_v<Value>>{});
  mbh::fuzz::check_physical_value(c.type, c.physical, c.scale, c.offset);
  if (!mbh::fuzz::in_value_kind(c.type.kind) || registers.size() != c.type.register_count()) {
    return 0;
  }
  const Value value = codec::decode_value(c.type, registers).value();
  if (const auto* text = std::get_if<codec::DecodedString>(&value)) {
    check_string_form(*text, registers, c.type.string_chars);
  }
  if (const auto* events = std::get_if<codec::DecodedEventArray>(&value)) {
    check_event_form(*events, registers);
  }
  check_round_trip(c.type, value, registers);
  check_generic_encoder(c.type, value);
  mbh::fuzz::check_physical_round_trip(c.type, value, c.scale, c.offset);
  return 0;
}
