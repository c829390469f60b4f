#include "harness/codec/values/value_decoders.hpp"
#include "tests/codec/values/value_test_words.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace mbh::codec {
namespace {

using testing::error_of;
using testing::float_bits;
using testing::gen_words;
using testing::Words;

// ---- Golden vectors, worked out by hand ----

TEST(DecodeIntegers, GoldenVectors) {
  EXPECT_EQ(decode_uint16(Words{0xBEEF}).value(), 0xBEEF);
  EXPECT_EQ(decode_sint16(Words{0xFFFF}).value(), -1);
  EXPECT_EQ(decode_sint16(Words{0x8000}).value(), -32768);
  EXPECT_EQ(decode_sint16(Words{0x7FFF}).value(), 32767);
  EXPECT_EQ(decode_uint32(Words{0x454C, 0x3231}).value(), 0x454C3231u);
  EXPECT_EQ(decode_sint32(Words{0xFFFF, 0xFFFE}).value(), -2);
  EXPECT_EQ(decode_sint32(Words{0x8000, 0x0000}).value(), std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(decode_uint64(Words{0x0102, 0x0304, 0x0506, 0x0708}).value(), 0x0102030405060708u);
  const Uint128 wide =
      decode_uint128(Words{0x0011, 0x2233, 0x4455, 0x6677, 0x8899, 0xAABB, 0xCCDD, 0xEEFF}).value();
  EXPECT_EQ(wide, (Uint128{0x0011223344556677u, 0x8899AABBCCDDEEFFu}));
  EXPECT_EQ(to_hex(wide), "0x00112233445566778899aabbccddeeff");
  EXPECT_EQ(to_hex(Uint128{}), "0x00000000000000000000000000000000");
}

TEST(DecodeFloat32, GoldenVectorsAreBitExact) {
  EXPECT_EQ(decode_float32(Words{0x3F80, 0x0000}).value(), 1.0f);
  EXPECT_EQ(decode_float32(Words{0xC120, 0x0000}).value(), -10.0f);
  const float negative_zero = decode_float32(Words{0x8000, 0x0000}).value();
  EXPECT_EQ(float_bits(negative_zero), 0x80000000u);
  EXPECT_TRUE(std::signbit(negative_zero));
  EXPECT_EQ(decode_float32(Words{0x7F80, 0x0000}).value(), std::numeric_limits<float>::infinity());
  EXPECT_EQ(decode_float32(Words{0xFF80, 0x0000}).value(), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(decode_float32(Words{0x0000, 0x0001}).value(),
            std::numeric_limits<float>::denorm_min());
  // A quiet NaN with a payload and a signalling NaN: both come back bit for bit.
  const float quiet_nan = decode_float32(Words{0x7FC0, 0x1234}).value();
  EXPECT_TRUE(std::isnan(quiet_nan));
  EXPECT_EQ(float_bits(quiet_nan), 0x7FC01234u);
  EXPECT_EQ(float_bits(decode_float32(Words{0xFF80, 0x0001}).value()), 0xFF800001u);
}

TEST(DecodeBoolean, ZeroIsFalseAnythingElseIsTrue) {
  EXPECT_FALSE(decode_boolean(Words{0x0000}).value());
  EXPECT_TRUE(decode_boolean(Words{0x0001}).value());
  EXPECT_TRUE(decode_boolean(Words{0x8000}).value());
  EXPECT_TRUE(decode_boolean(Words{0xFFFF}).value());
}

TEST(DecodeString, FullFieldWithoutPadding) {
  const DecodedString decoded = decode_string(Words{0x5375, 0x6E53}, 4).value();
  EXPECT_EQ(decoded.text, "SunS");
  EXPECT_TRUE(decoded.non_printable.empty());
  EXPECT_TRUE(decoded.padding_all_nul);
}

TEST(DecodeString, StopsAtTheFirstNulAndChecksThePadding) {
  EXPECT_EQ(decode_string(Words{0x5375, 0x6E53, 0x0000, 0x0000}, 8).value(),
            (DecodedString{"SunS", {}, true}));
  EXPECT_EQ(decode_string(Words{0x4100, 0x0000}, 4).value(), (DecodedString{"A", {}, true}));
  // Junk after the terminator is reported, not decoded.
  EXPECT_EQ(decode_string(Words{0x4100, 0x4200}, 4).value(), (DecodedString{"A", {}, false}));
  EXPECT_EQ(decode_string(Words{0x0000, 0x0000}, 4).value(), (DecodedString{"", {}, true}));
}

TEST(DecodeString, OddLengthsTreatTheSpareByteAsPadding) {
  EXPECT_EQ(decode_string(Words{0x4142, 0x4300}, 3).value(), (DecodedString{"ABC", {}, true}));
  EXPECT_EQ(decode_string(Words{0x4142, 0x4344}, 3).value(), (DecodedString{"ABC", {}, false}));
  EXPECT_EQ(decode_string(Words{0x4100}, 1).value(), (DecodedString{"A", {}, true}));
}

TEST(DecodeString, ReportsNonPrintableBytesWithoutHidingThem) {
  const DecodedString decoded = decode_string(Words{0x4101, 0x43FF, 0x7F00}, 6).value();
  EXPECT_EQ(decoded.text, std::string("A\x01"
                                      "C\xFF\x7F"));
  EXPECT_EQ(decoded.non_printable, (std::vector<std::size_t>{1, 3, 4}));
  EXPECT_TRUE(decoded.padding_all_nul);
}

TEST(DecodeString, ZeroCharactersIsAnEmptySpan) {
  EXPECT_EQ(decode_string(Words{}, 0).value(), (DecodedString{"", {}, true}));
  EXPECT_EQ(error_of(decode_string(Words{0x4142}, 0)), ValueError::kWrongRegisterCount);
}

Words event_registers(std::uint16_t count, const Words& slots) {
  Words words(kEventArrayRegisters, 0);
  words[0] = count;
  std::copy(slots.begin(), slots.end(), words.begin() + 1);
  return words;
}

TEST(DecodeEventArray, CountThenCodesThenZeros) {
  const DecodedEventArray events =
      decode_event_array(event_registers(3, {0x1F81, 0x108A, 0x0FFF})).value();
  EXPECT_EQ(events.count, 3);
  EXPECT_EQ(Words(events.listed().begin(), events.listed().end()), (Words{0x1F81, 0x108A, 0x0FFF}));
  EXPECT_TRUE(events.rest_all_zero);
  EXPECT_EQ(decode_event_array(event_registers(0, {})).value().size, 0u);
}

TEST(DecodeEventArray, ReportsJunkPastTheCountAndAnOversizedCount) {
  const DecodedEventArray junk =
      decode_event_array(event_registers(1, {0x1F81, 0, 0x0042})).value();
  EXPECT_EQ(junk.size, 1u);
  EXPECT_FALSE(junk.rest_all_zero);
  // A count above 32 lists all 32 slots and keeps the count as sent.
  const DecodedEventArray oversized = decode_event_array(event_registers(40, Words(32, 7))).value();
  EXPECT_EQ(oversized.count, 40);
  EXPECT_EQ(oversized.size, kMaxEventCodes);
  EXPECT_TRUE(oversized.rest_all_zero);
  Words last_register_set = event_registers(0, {});
  last_register_set.back() = 1;
  EXPECT_FALSE(decode_event_array(last_register_set).value().rest_all_zero);
}

// One decoded Value; the helper keeps braces with commas out of the EXPECT macros.
Value decoded(DataType type, const Words& words) {
  return decode_value(type, words).value();
}

TEST(DecodeValue, PicksTheAlternativeOfTheKind) {
  EXPECT_EQ(decoded(kUint16, {0xFFFF}), Value{std::uint16_t{0xFFFF}});
  EXPECT_EQ(decoded(kSint16, {0xFFFF}), Value{std::int16_t{-1}});
  EXPECT_EQ(decoded(kUint32, {0x454C, 0x3231}), Value{std::uint32_t{0x454C3231}});
  EXPECT_EQ(decoded(kSint32, {0xFFFF, 0xFFFF}), Value{std::int32_t{-1}});
  EXPECT_EQ(decoded(kUint64, {0, 0, 0, 7}), Value{std::uint64_t{7}});
  EXPECT_EQ(decoded(kUint128, {0, 0, 0, 1, 0, 0, 0, 2}), (Value{Uint128{1, 2}}));
  EXPECT_EQ(decoded(kFloat32, {0x3F80, 0}), Value{1.0f});
  EXPECT_EQ(decoded(kBoolean, {2}), Value{true});
  EXPECT_EQ(decoded(str(4), {0x5375, 0x6E53}), (Value{DecodedString{"SunS", {}, true}}));
  const Value events = decoded(kEventArray, event_registers(2, {0x228A, 0x230A}));
  ASSERT_TRUE(std::holds_alternative<DecodedEventArray>(events));
  EXPECT_EQ(std::get<DecodedEventArray>(events).count, 2);
}

TEST(SetBits, ListsSetBitsFromTheLeastSignificant) {
  const BitPositions positions = set_bits(0b1010'0001u, 16);
  EXPECT_EQ(std::vector<std::uint8_t>(positions.span().begin(), positions.span().end()),
            (std::vector<std::uint8_t>{0, 5, 7}));
  EXPECT_EQ(set_bits(0, 16).size, 0u);
  EXPECT_EQ(set_bits(0xFFFF, 4).size, 4u);  // bits at or above width are not looked at
  const BitPositions all = set_bits(~std::uint64_t{0}, 1000);  // width capped at 64
  ASSERT_EQ(all.size, 64u);
  EXPECT_EQ(all.span().back(), 63);
}

TEST(ToPhysical, RawTimesScalePlusOffset) {
  EXPECT_DOUBLE_EQ(to_physical(std::uint16_t{1234}, 0.1, -40.0), 83.4);
  EXPECT_DOUBLE_EQ(to_physical(std::int16_t{-5}, 10.0, 1.0), -49.0);
  EXPECT_DOUBLE_EQ(to_physical(std::uint32_t{60}, 0.016667, 0.0), 1.00002);
  EXPECT_DOUBLE_EQ(to_physical(std::int32_t{-2}, 1.0, 0.0), -2.0);
  EXPECT_DOUBLE_EQ(to_physical(std::uint64_t{1} << 40, 1.0, 0.0), 0x1p40);
  EXPECT_DOUBLE_EQ(to_physical(1.5f, 2.0, 0.5), 3.5);
  EXPECT_DOUBLE_EQ(to_physical(7, 0.5, 0.0), 3.5);  // a plain int literal is not ambiguous
  EXPECT_DOUBLE_EQ(to_physical(Uint128{1, 0}, 1.0, 0.0), 0x1p64);
  EXPECT_DOUBLE_EQ(to_physical(Uint128{0, 3}, 0.01, 0.0), 0.03);
}

TEST(ValueToPhysical, NumbersScaleBooleansCountStringsAreRefused) {
  EXPECT_DOUBLE_EQ(value_to_physical(Value{std::uint16_t{250}}, 0.1, 1.0).value(), 26.0);
  EXPECT_DOUBLE_EQ(value_to_physical(Value{true}, 1.0, 0.0).value(), 1.0);
  EXPECT_DOUBLE_EQ(value_to_physical(Value{false}, 1.0, 0.0).value(), 0.0);
  EXPECT_DOUBLE_EQ(value_to_physical(Value{Uint128{0, 5}}, 2.0, 0.0).value(), 10.0);
  EXPECT_EQ(error_of(value_to_physical(Value{DecodedString{"x", {}, true}}, 1.0, 0.0)),
            ValueError::kNotNumeric);
  EXPECT_EQ(error_of(value_to_physical(Value{DecodedEventArray{}}, 1.0, 0.0)),
            ValueError::kNotNumeric);
}

// ---- Properties: each decoder against an independent computation ----
// The references multiply by 65536 where the implementation shifts and ORs, and subtract 2^n
// where it casts, so a shared mistake would have to be made twice in different ways.

RC_GTEST_PROP(DecodeUint16, AgreesWithTheWord, (std::uint16_t word)) {
  RC_ASSERT(decode_uint16(Words{word}).value() == word);
}

RC_GTEST_PROP(DecodeSint16, AgreesWithTwosComplementArithmetic, (std::uint16_t word)) {
  const long expected = word >= 0x8000 ? long{word} - 0x10000 : long{word};
  RC_ASSERT(long{decode_sint16(Words{word}).value()} == expected);
}

RC_GTEST_PROP(DecodeUint32, AgreesWithHighTimes65536PlusLow,
              (std::uint16_t high, std::uint16_t low)) {
  const std::uint64_t expected = std::uint64_t{high} * 65536u + low;
  RC_ASSERT(std::uint64_t{decode_uint32(Words{high, low}).value()} == expected);
}

RC_GTEST_PROP(DecodeSint32, AgreesWithTwosComplementArithmetic,
              (std::uint16_t high, std::uint16_t low)) {
  std::int64_t expected = std::int64_t{high} * 65536 + low;
  if (expected >= 0x8000'0000) expected -= 0x1'0000'0000;
  RC_ASSERT(std::int64_t{decode_sint32(Words{high, low}).value()} == expected);
}

// Big-endian words read as a number by repeated multiplication.
std::uint64_t polynomial(const Words& words, std::size_t begin, std::size_t end) {
  std::uint64_t value = 0;
  for (std::size_t i = begin; i < end; ++i)
    value = value * 65536u + words[i];
  return value;
}

RC_GTEST_PROP(DecodeUint64, AgreesWithPolynomial, ()) {
  const Words words = *gen_words(4);
  RC_ASSERT(decode_uint64(words).value() == polynomial(words, 0, 4));
}

RC_GTEST_PROP(DecodeUint128, AgreesWithPolynomialHalves, ()) {
  const Words words = *gen_words(8);
  const Uint128 decoded = decode_uint128(words).value();
  RC_ASSERT(decoded.high == polynomial(words, 0, 4));
  RC_ASSERT(decoded.low == polynomial(words, 4, 8));
}

RC_GTEST_PROP(DecodeFloat32, AgreesWithBitCastBitForBit, (std::uint16_t high, std::uint16_t low)) {
  const auto bits = static_cast<std::uint32_t>(polynomial(Words{high, low}, 0, 2));
  const float expected = std::bit_cast<float>(bits);
  const float decoded = decode_float32(Words{high, low}).value();
  RC_ASSERT(float_bits(decoded) == float_bits(expected));
  RC_ASSERT(float_bits(decoded) == bits);
}

RC_GTEST_PROP(DecodeBoolean, IsTrueExactlyWhenTheWordIsPositive, (std::uint16_t word)) {
  RC_ASSERT(decode_boolean(Words{word}).value() == (word > 0));
}

RC_GTEST_PROP(DecodeString, AgreesWithByteByByteReading, ()) {
  const auto chars = *rc::gen::inRange<std::uint16_t>(0, 41);
  // Mostly letters with some zeros and control bytes, so terminators and junk both turn up.
  const Words words = *rc::gen::container<Words>(
      str(chars).register_count(),
      rc::gen::weightedOneOf<std::uint16_t>(
          {{4, rc::gen::inRange<std::uint16_t>(0x4141, 0x5A5B)},
           {1, rc::gen::element<std::uint16_t>(0x0000, 0x4100, 0x0041, 0x0109)},
           {1, rc::gen::arbitrary<std::uint16_t>()}}));
  std::vector<unsigned> bytes;
  for (const std::uint16_t word : words) {
    bytes.push_back(word / 256u);
    bytes.push_back(word % 256u);
  }
  const auto field_end = bytes.begin() + chars;
  const auto text_end = std::find(bytes.begin(), field_end, 0u);
  std::string expected_text;
  std::vector<std::size_t> expected_non_printable;
  for (auto it = bytes.begin(); it != text_end; ++it) {
    expected_text.push_back(static_cast<char>(*it));
    if (*it < 32 || *it > 126) {
      expected_non_printable.push_back(static_cast<std::size_t>(it - bytes.begin()));
    }
  }
  const bool expected_padding =
      std::all_of(text_end, bytes.end(), [](unsigned byte) { return byte == 0; });

  const DecodedString decoded = decode_string(words, chars).value();
  RC_ASSERT(decoded.text == expected_text);
  RC_ASSERT(decoded.non_printable == expected_non_printable);
  RC_ASSERT(decoded.padding_all_nul == expected_padding);
}

RC_GTEST_PROP(DecodeEventArray, AgreesWithSlotBySlotReading, ()) {
  const auto count = *rc::gen::weightedOneOf<std::uint16_t>(
      {{8, rc::gen::inRange<std::uint16_t>(0, 33)}, {1, rc::gen::arbitrary<std::uint16_t>()}});
  Words words{count};
  for (std::size_t slot = 1; slot < kEventArrayRegisters; ++slot) {
    const bool listed_slot = slot <= count;
    words.push_back(*rc::gen::weightedOneOf<std::uint16_t>(
        {{listed_slot ? 8u : 1u, rc::gen::arbitrary<std::uint16_t>()},
         {listed_slot ? 1u : 30u, rc::gen::just<std::uint16_t>(0)}}));
  }
  Words expected_listed;
  bool expected_rest_zero = true;
  for (std::size_t slot = 1; slot < words.size(); ++slot) {
    if (slot <= count && slot <= 32) {
      expected_listed.push_back(words[slot]);
    } else if (words[slot] != 0) {
      expected_rest_zero = false;
    }
  }
  const DecodedEventArray events = decode_event_array(words).value();
  RC_ASSERT(events.count == count);
  RC_ASSERT(Words(events.listed().begin(), events.listed().end()) == expected_listed);
  RC_ASSERT(events.rest_all_zero == expected_rest_zero);
}

// ---- Wrong register counts, for every type ----

const std::vector<DataType>& every_type() {
  static const std::vector<DataType> types{kUint16,  kSint16,  kUint32, kSint32, kUint64, kUint128,
                                           kFloat32, kBoolean, str(1),  str(4),  str(7),  str(250)};
  return types;
}

TEST(DecodeValue, AlternativeIndexFollowsValueKindOrder) {
  for (const DataType type : every_type()) {
    const Words zeros(type.register_count(), 0);
    EXPECT_EQ(decoded(type, zeros).index(), static_cast<std::size_t>(type.kind));
  }
}

RC_GTEST_PROP(DecodeValue, WrongRegisterCountIsRefusedForEveryType, ()) {
  const DataType type = *rc::gen::elementOf(every_type());
  const auto size = *rc::gen::suchThat(rc::gen::inRange<std::size_t>(0, 130),
                                       [&](std::size_t n) { return n != type.register_count(); });
  const Words words = *gen_words(size);
  RC_ASSERT(error_of(decode_value(type, words)) == ValueError::kWrongRegisterCount);
}

TEST(TypedDecoders, WrongRegisterCountIsRefused) {
  const Words none{};
  const Words nine(9, 0x4141);
  for (const Words* words : {&none, &nine}) {
    EXPECT_EQ(error_of(decode_uint16(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_sint16(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_uint32(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_sint32(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_uint64(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_uint128(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_float32(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_boolean(*words)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_string(*words, 4)), ValueError::kWrongRegisterCount);
    EXPECT_EQ(error_of(decode_event_array(*words)), ValueError::kWrongRegisterCount);
  }
  EXPECT_EQ(error_of(decode_event_array(Words(33, 0))), ValueError::kWrongRegisterCount);
  EXPECT_EQ(error_of(decode_uint32(Words{1})), ValueError::kWrongRegisterCount);
  EXPECT_EQ(error_of(decode_float32(Words{1, 2, 3})), ValueError::kWrongRegisterCount);
  EXPECT_EQ(error_of(decode_uint128(Words{1, 2, 3, 4})), ValueError::kWrongRegisterCount);
  EXPECT_EQ(error_of(decode_string(Words{1, 2}, 5)), ValueError::kWrongRegisterCount);
}

}  // namespace
}  // namespace mbh::codec
