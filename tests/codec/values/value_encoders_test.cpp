#include "harness/codec/values/value_encoders.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "harness/codec/values/value_decoders.hpp"
#include "tests/codec/values/value_test_words.hpp"

namespace mbh::codec {
namespace {

using testing::error_of;
using testing::float_bits;
using testing::gen_words;
using testing::Words;

Words words_of(const RegisterWords& encoded) {
  return Words(encoded.span().begin(), encoded.span().end());
}

// The registers of a successful encoding; an empty list marks a failure in the comparison.
Words words_of(const Result<RegisterWords, ValueError>& encoded) {
  return encoded.ok() ? words_of(encoded.value()) : Words{};
}

// ---- Golden vectors ----

TEST(EncodeIntegers, GoldenVectors) {
  EXPECT_EQ(words_of(encode_uint16(0xBEEF)), (Words{0xBEEF}));
  EXPECT_EQ(words_of(encode_sint16(-1)), (Words{0xFFFF}));
  EXPECT_EQ(words_of(encode_sint16(-32768)), (Words{0x8000}));
  EXPECT_EQ(words_of(encode_uint32(0x454C3231u)), (Words{0x454C, 0x3231}));
  EXPECT_EQ(words_of(encode_sint32(-2)), (Words{0xFFFF, 0xFFFE}));
  EXPECT_EQ(words_of(encode_uint64(0x0102030405060708u)), (Words{0x0102, 0x0304, 0x0506, 0x0708}));
  EXPECT_EQ(words_of(encode_uint128(Uint128{0x0011223344556677u, 0x8899AABBCCDDEEFFu})),
            (Words{0x0011, 0x2233, 0x4455, 0x6677, 0x8899, 0xAABB, 0xCCDD, 0xEEFF}));
}

TEST(EncodeFloat32, GoldenVectorsAreBitExact) {
  EXPECT_EQ(words_of(encode_float32(1.0f)), (Words{0x3F80, 0x0000}));
  EXPECT_EQ(words_of(encode_float32(-0.0f)), (Words{0x8000, 0x0000}));
  EXPECT_EQ(words_of(encode_float32(std::numeric_limits<float>::denorm_min())),
            (Words{0x0000, 0x0001}));
  EXPECT_EQ(words_of(encode_float32(-std::numeric_limits<float>::infinity())),
            (Words{0xFF80, 0x0000}));
  EXPECT_EQ(words_of(encode_float32(std::bit_cast<float>(0x7FC01234u))), (Words{0x7FC0, 0x1234}));
}

TEST(EncodeBoolean, TrueIsOne) {
  EXPECT_EQ(words_of(encode_boolean(false)), (Words{0}));
  EXPECT_EQ(words_of(encode_boolean(true)), (Words{1}));
}

TEST(EncodeString, TwoCharactersPerRegisterHighByteFirstNulPadded) {
  EXPECT_EQ(words_of(encode_string("SunS", 4)), (Words{0x5375, 0x6E53}));
  EXPECT_EQ(words_of(encode_string("SunS", 7)), (Words{0x5375, 0x6E53, 0x0000, 0x0000}));
  EXPECT_EQ(words_of(encode_string("ABC", 3)), (Words{0x4142, 0x4300}));
  EXPECT_EQ(words_of(encode_string("", 2)), (Words{0x0000}));
  EXPECT_EQ(words_of(encode_string("\x01\xFF", 2)), (Words{0x01FF}));  // bytes as given
  EXPECT_TRUE(encode_string("", 0).ok());
  EXPECT_EQ(encode_string("", 0).value().size, 0u);
}

TEST(EncodeString, TooLongIsRefused) {
  EXPECT_EQ(error_of(encode_string("SunSpec", 6)), ValueError::kStringTooLong);
  EXPECT_EQ(error_of(encode_string("", kMaxStringChars + 1)), ValueError::kStringTooLong);
  const std::string longest(kMaxStringChars, 'x');
  const Result<RegisterWords, ValueError> encoded = encode_string(longest, kMaxStringChars);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded.value().size, RegisterWords::kCapacity);
  EXPECT_EQ(encoded.value().span().back(), 0x7878);
}

TEST(EncodeEventArray, CountThenCodesThenZeros) {
  DecodedEventArray events;
  events.count = 2;
  events.codes[0] = 0x228A;
  events.codes[1] = 0x230A;
  events.codes[2] = 0xFFFF;  // past size: not part of the value, not written
  events.size = 2;
  Words expected(kEventArrayRegisters, 0);
  expected[0] = 2;
  expected[1] = 0x228A;
  expected[2] = 0x230A;
  EXPECT_EQ(words_of(encode_event_array(events)), expected);
  // The count goes out as given, so a device model can be made to lie on purpose.
  events.count = 40;
  expected[0] = 40;
  EXPECT_EQ(words_of(encode_event_array(events)), expected);
}

TEST(EncodeValue, RefusesAValueOfAnotherKind) {
  EXPECT_EQ(words_of(encode_value(kSint16, Value{std::int16_t{-1}})), (Words{0xFFFF}));
  EXPECT_EQ(words_of(encode_value(str(4), Value{DecodedString{"SunS", {}, true}})),
            (Words{0x5375, 0x6E53}));
  EXPECT_EQ(error_of(encode_value(kSint16, Value{std::uint16_t{1}})), ValueError::kKindMismatch);
  EXPECT_EQ(error_of(encode_value(kFloat32, Value{std::uint32_t{1}})), ValueError::kKindMismatch);
  EXPECT_EQ(error_of(encode_value(str(4), Value{true})), ValueError::kKindMismatch);
  EXPECT_EQ(error_of(encode_value(kEventArray, Value{std::uint16_t{0}})),
            ValueError::kKindMismatch);
  EXPECT_EQ(words_of(encode_value(kEventArray, Value{DecodedEventArray{}})),
            Words(kEventArrayRegisters, 0));
}

TEST(FromPhysical, InexactScalesLandOnTheirInteger) {
  EXPECT_EQ(words_of(from_physical(20.567078, kUint16, 0.016667, 0.0)), (Words{1234}));
  EXPECT_EQ(words_of(from_physical(83.4, kSint16, 0.1, -40.0)), (Words{1234}));
  EXPECT_EQ(words_of(from_physical(-39.9, kSint16, 0.1, -40.0)), (Words{1}));
  EXPECT_EQ(words_of(from_physical(-40.0 + 1e-12, kUint16, 0.01, -40.0)), (Words{0}));
  EXPECT_EQ(words_of(from_physical(-12.3, kSint32, 0.1, 0.0)), (Words{0xFFFF, 0xFF85}));
  EXPECT_EQ(words_of(from_physical(250.0, kUint32, 10.0, 0.0)), (Words{0, 25}));
  EXPECT_EQ(words_of(from_physical(-5.0, kUint16, -1.0, 0.0)), (Words{5}));  // negative scale
}

TEST(FromPhysical, OffTheGridIsNotRepresentable) {
  EXPECT_EQ(error_of(from_physical(20.5, kUint16, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(20.57, kUint16, 0.016667, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(0.5, kBoolean, 1.0, 0.0)), ValueError::kNotRepresentable);
}

TEST(FromPhysical, RangeIsCheckedAtBothEnds) {
  EXPECT_EQ(words_of(from_physical(65535.0, kUint16, 1.0, 0.0)), (Words{0xFFFF}));
  EXPECT_EQ(error_of(from_physical(65536.0, kUint16, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(-1.0, kUint16, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(words_of(from_physical(-32768.0, kSint16, 1.0, 0.0)), (Words{0x8000}));
  EXPECT_EQ(error_of(from_physical(-32769.0, kSint16, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(32768.0, kSint16, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(0x1p32, kUint32, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(0x1p31, kSint32, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(words_of(from_physical(-0x1p31, kSint32, 1.0, 0.0)), (Words{0x8000, 0x0000}));
  // 2^64 - 2048 is the largest double below 2^64; 2^64 itself is one past uint64.
  EXPECT_EQ(words_of(from_physical(0x1p64 - 2048.0, kUint64, 1.0, 0.0)),
            (Words{0xFFFF, 0xFFFF, 0xFFFF, 0xF800}));
  EXPECT_EQ(error_of(from_physical(0x1p64, kUint64, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(words_of(from_physical(0x1p100, kUint128, 1.0, 0.0)),
            (Words{0x0000, 0x0010, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(words_of(from_physical(0x1p64 + 0x1p12, kUint128, 1.0, 0.0)),
            (Words{0, 0, 0, 1, 0, 0, 0, 0x1000}));
  EXPECT_EQ(error_of(from_physical(0x1p128, kUint128, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(-1.0, kUint128, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(2.0, kBoolean, 1.0, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(words_of(from_physical(1.0, kBoolean, 1.0, 0.0)), (Words{1}));
}

TEST(FromPhysical, NonFiniteScaleAndStringsAreRefused) {
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(error_of(from_physical(kNan, kUint16, 1.0, 0.0)), ValueError::kNotFinite);
  EXPECT_EQ(error_of(from_physical(kInf, kSint32, 1.0, 0.0)), ValueError::kNotFinite);
  EXPECT_EQ(error_of(from_physical(1.0, kBoolean, 1.0, kInf)), ValueError::kNotFinite);
  EXPECT_EQ(error_of(from_physical(1.0, kUint16, 0.0, 0.0)), ValueError::kBadScale);
  EXPECT_EQ(error_of(from_physical(1.0, kFloat32, kNan, 0.0)), ValueError::kBadScale);
  EXPECT_EQ(error_of(from_physical(1.0, kUint16, -kInf, 0.0)), ValueError::kBadScale);
  EXPECT_EQ(error_of(from_physical(1.0, str(4), 1.0, 0.0)), ValueError::kNotNumeric);
  EXPECT_EQ(error_of(from_physical(1.0, kEventArray, 1.0, 0.0)), ValueError::kNotNumeric);
}

// Found by fuzz_values (corpus/regressions/fuzz_values/raw-overflow-*.bin): a finite physical
// value whose raw is beyond a double's range was stored as float32 infinity, and was
// kNotFinite for integer types although no NaN or infinity had been passed.
TEST(FromPhysical, FiniteValuesWhoseRawOverflowsADoubleAreNotRepresentable) {
  EXPECT_EQ(error_of(from_physical(1.0, kFloat32, 1e-310, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(1.5e308, kFloat32, 1.0, -1.5e308)),
            ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(-2.85e305, kUint16, 0.001, 0.0)), ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(0.0, kUint128, 1e-300, 1e10)), ValueError::kNotRepresentable);
  // NaN and infinities passed in are still what they were.
  EXPECT_EQ(error_of(from_physical(std::numeric_limits<double>::infinity(), kUint16, 1e-310, 0.0)),
            ValueError::kNotFinite);
  EXPECT_EQ(words_of(from_physical(std::numeric_limits<double>::infinity(), kFloat32, 1.0, 0.0)),
            (Words{0x7F80, 0x0000}));
}

// corpus/regressions/fuzz_values/difference-overflow-uint32.bin: physical - offset overflows a
// double, yet the raw (physical - offset) / scale is 3e8, which uint32 and float32 hold.
TEST(FromPhysical, ARawInRangeIsStoredWhenOnlyTheDifferenceOverflows) {
  EXPECT_EQ(words_of(from_physical(1.5e308, kUint32, 1e300, -1.5e308)), (Words{0x11E1, 0xA300}));
  EXPECT_EQ(words_of(from_physical(1.5e308, kFloat32, 1e300, -1.5e308)),
            words_of(encode_float32(3e8f)));
  EXPECT_EQ(error_of(from_physical(1.5e308, kUint32, 1.0, -1.5e308)),
            ValueError::kNotRepresentable);
}

TEST(FromPhysical, Float32StoresTheNearestFloat) {
  EXPECT_EQ(words_of(from_physical(1.0 / 3.0, kFloat32, 1.0, 0.0)),
            words_of(encode_float32(1.0f / 3.0f)));
  EXPECT_EQ(words_of(from_physical(25.0, kFloat32, 0.1, 0.0)), words_of(encode_float32(250.0f)));
  EXPECT_EQ(words_of(from_physical(-std::numeric_limits<double>::infinity(), kFloat32, 1.0, 0.0)),
            (Words{0xFF80, 0x0000}));
  const Result<RegisterWords, ValueError> nan =
      from_physical(std::numeric_limits<double>::quiet_NaN(), kFloat32, 1.0, 0.0);
  ASSERT_TRUE(nan.ok());
  EXPECT_TRUE(std::isnan(decode_float32(nan.value().span()).value()));
  const auto float_max = static_cast<double>(std::numeric_limits<float>::max());
  EXPECT_EQ(words_of(from_physical(float_max, kFloat32, 1.0, 0.0)), (Words{0x7F7F, 0xFFFF}));
  // Just under FLT_MAX + half an ulp still rounds down to FLT_MAX; at it, to infinity.
  EXPECT_EQ(words_of(from_physical(0x1.fffffefffffffp127, kFloat32, 1.0, 0.0)),
            (Words{0x7F7F, 0xFFFF}));
  EXPECT_EQ(error_of(from_physical(0x1.ffffffp127, kFloat32, 1.0, 0.0)),
            ValueError::kNotRepresentable);
  EXPECT_EQ(error_of(from_physical(-1e39, kFloat32, 1.0, 0.0)), ValueError::kNotRepresentable);
}

// ---- Properties: encode after decode is the identity on registers ----

const std::vector<DataType>& numeric_types() {
  static const std::vector<DataType> types{kUint16, kSint16,  kUint32, kSint32,
                                           kUint64, kUint128, kFloat32};
  return types;
}

RC_GTEST_PROP(EncodeAfterDecode, IsTheIdentityForNumericTypes, ()) {
  const DataType type = *rc::gen::elementOf(numeric_types());
  const Words words = *gen_words(type.register_count());
  const Result<Value, ValueError> decoded = decode_value(type, words);
  RC_ASSERT(decoded.ok());
  RC_ASSERT(words_of(encode_value(type, decoded.value())) == words);  // float NaNs bit for bit
}

RC_GTEST_PROP(EncodeAfterDecode, IsTheIdentityForCanonicalBooleans, (std::uint16_t word)) {
  const Words canonical{static_cast<std::uint16_t>(word % 2)};
  RC_ASSERT(words_of(encode_value(kBoolean, decode_value(kBoolean, canonical).value())) ==
            canonical);
  // Any other non-zero word reads as true and is written back as the canonical 1.
  const Words expected{static_cast<std::uint16_t>(word == 0 ? 0 : 1)};
  RC_ASSERT(words_of(encode_value(kBoolean, decode_value(kBoolean, Words{word}).value())) ==
            expected);
}

RC_GTEST_PROP(EncodeAfterDecode, IsTheIdentityForStringsUpToTheirTerminator, ()) {
  const auto chars = *rc::gen::inRange<std::uint16_t>(0, kMaxStringChars + 1);
  const DataType type = str(chars);
  const Words words = *rc::gen::container<Words>(
      type.register_count(),
      rc::gen::weightedOneOf<std::uint16_t>({{6, rc::gen::arbitrary<std::uint16_t>()},
                                             {1, rc::gen::element<std::uint16_t>(0, 0x4100)}}));
  const DecodedString decoded = decode_string(words, chars).value();
  // Re-encoding keeps the text and writes clean padding: bytes after the terminator become NUL.
  Words expected = words;
  for (std::size_t byte = decoded.text.size(); byte < expected.size() * 2; ++byte) {
    const std::uint16_t keep = byte % 2 == 0 ? 0x00FF : 0xFF00;
    expected[byte / 2] = static_cast<std::uint16_t>(expected[byte / 2] & keep);
  }
  RC_ASSERT(decoded.padding_all_nul == (expected == words));
  RC_ASSERT(words_of(encode_value(type, Value{decoded})) == expected);
}

RC_GTEST_PROP(EncodeAfterDecode, IsTheIdentityForEventArraysUpToTheirCodes, ()) {
  const Words words = *rc::gen::container<Words>(
      kEventArrayRegisters,
      rc::gen::weightedOneOf<std::uint16_t>({{3, rc::gen::inRange<std::uint16_t>(0, 40)},
                                             {1, rc::gen::arbitrary<std::uint16_t>()},
                                             {4, rc::gen::just<std::uint16_t>(0)}}));
  const DecodedEventArray events = decode_event_array(words).value();
  // Re-encoding keeps the count and the listed codes and writes zeros after them.
  Words expected = words;
  std::fill(expected.begin() + 1 + static_cast<std::ptrdiff_t>(events.size), expected.end(), 0);
  RC_ASSERT(events.rest_all_zero == (expected == words));
  RC_ASSERT(words_of(encode_value(kEventArray, Value{events})) == expected);
}

// ---- Properties: decode after encode is the identity on values ----

RC_GTEST_PROP(DecodeAfterEncode, IsTheIdentityForIntegers,
              (std::uint16_t u16, std::int16_t s16, std::uint32_t u32, std::int32_t s32,
               std::uint64_t u64, std::uint64_t high, std::uint64_t low)) {
  RC_ASSERT(decode_uint16(encode_uint16(u16).span()).value() == u16);
  RC_ASSERT(decode_sint16(encode_sint16(s16).span()).value() == s16);
  RC_ASSERT(decode_uint32(encode_uint32(u32).span()).value() == u32);
  RC_ASSERT(decode_sint32(encode_sint32(s32).span()).value() == s32);
  RC_ASSERT(decode_uint64(encode_uint64(u64).span()).value() == u64);
  RC_ASSERT(decode_uint128(encode_uint128(Uint128{high, low}).span()).value() ==
            (Uint128{high, low}));
}

RC_GTEST_PROP(DecodeAfterEncode, IsTheIdentityForFloat32BitForBit, (std::uint32_t bits)) {
  const float value = std::bit_cast<float>(bits);  // every pattern: NaNs, subnormals, -0.0
  RC_ASSERT(float_bits(decode_float32(encode_float32(value).span()).value()) == bits);
}

RC_GTEST_PROP(DecodeAfterEncode, IsTheIdentityForBooleans, (bool flag)) {
  RC_ASSERT(decode_boolean(encode_boolean(flag).span()).value() == flag);
}

RC_GTEST_PROP(DecodeAfterEncode, IsTheIdentityForStringsWithoutNul, ()) {
  const auto chars = *rc::gen::inRange<std::uint16_t>(0, kMaxStringChars + 1);
  const auto length = *rc::gen::inRange<std::size_t>(0, std::size_t{chars} + 1);
  const std::string text = *rc::gen::container<std::string>(length, rc::gen::inRange<char>(1, 127));
  const DecodedString decoded =
      decode_string(encode_string(text, chars).value().span(), chars).value();
  RC_ASSERT(decoded.text == text);
  RC_ASSERT(decoded.padding_all_nul);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool listed = std::find(decoded.non_printable.begin(), decoded.non_printable.end(), i) !=
                        decoded.non_printable.end();
    RC_ASSERT(listed == (text[i] < ' ' || text[i] == '\x7F'));
  }
}

RC_GTEST_PROP(DecodeAfterEncode, IsTheIdentityForEventArrays, ()) {
  DecodedEventArray events;
  events.count = *rc::gen::weightedOneOf<std::uint16_t>(
      {{8, rc::gen::inRange<std::uint16_t>(0, 33)}, {1, rc::gen::arbitrary<std::uint16_t>()}});
  events.size = std::min<std::size_t>(events.count, kMaxEventCodes);
  for (std::size_t i = 0; i < events.size; ++i)
    events.codes[i] = *rc::gen::arbitrary<std::uint16_t>();
  RC_ASSERT(decode_event_array(encode_event_array(events).span()).value() == events);
}

// ---- Properties: physical -> registers -> physical ----

rc::Gen<double> gen_scale() {
  return rc::gen::element(0.1, 0.01, 0.016667, 1.0, 10.0);
}
rc::Gen<double> gen_offset() {
  return rc::gen::element(0.0, 1.0, -40.0);
}

// Raws a type holds, kept within 2^40 so that raw x scale in a double is still far finer than
// one step (a double has 53 bits; past that, neighbouring raws share a physical value).
rc::Gen<std::int64_t> gen_raw(DataType type) {
  constexpr std::int64_t kWide = std::int64_t{1} << 40;
  switch (type.kind) {
    case ValueKind::kUint16:
      return rc::gen::inRange<std::int64_t>(0, 0x1'0000);
    case ValueKind::kSint16:
      return rc::gen::inRange<std::int64_t>(-0x8000, 0x8000);
    case ValueKind::kUint32:
      return rc::gen::inRange<std::int64_t>(0, 0x1'0000'0000);
    case ValueKind::kSint32:
      return rc::gen::inRange<std::int64_t>(-std::int64_t{0x8000'0000}, 0x8000'0000);
    case ValueKind::kBoolean:
      return rc::gen::inRange<std::int64_t>(0, 2);
    default:
      return rc::gen::inRange<std::int64_t>(0, kWide + 1);
  }
}

RC_GTEST_PROP(FromPhysical, RoundTripsWithinHalfAScaleStep, ()) {
  const DataType type =
      *rc::gen::element(kUint16, kSint16, kUint32, kSint32, kUint64, kUint128, kBoolean);
  const double scale = *gen_scale();
  const double offset = *gen_offset();
  const std::int64_t raw = *gen_raw(type);
  const double raw_value = static_cast<double>(raw);
  // Nudge the physical value off the grid by less than the tolerance (and under half a step),
  // as a value that went through text or other arithmetic would be.
  const double nudge = *rc::gen::inRange(-1000, 1001) / 1000.0 *
                       std::min(0.5e-6 * std::max(1.0, std::fabs(raw_value)), 0.4);
  const double physical = raw_value * scale + offset + nudge * scale;

  const Result<RegisterWords, ValueError> encoded = from_physical(physical, type, scale, offset);
  RC_ASSERT(encoded.ok());
  const Result<Value, ValueError> decoded = decode_value(type, encoded.value().span());
  RC_ASSERT(decoded.ok());
  RC_ASSERT(value_to_physical(decoded.value(), 1.0, 0.0).value() == raw_value);
  const double back = value_to_physical(decoded.value(), scale, offset).value();
  RC_ASSERT(std::fabs(back - physical) <= std::fabs(scale) / 2);
}

RC_GTEST_PROP(FromPhysical, OffGridValuesAreNotRepresentable, ()) {
  const DataType type = *rc::gen::element(kUint32, kSint32, kUint64, kUint128);
  const double scale = *gen_scale();
  const double offset = *gen_offset();
  const double raw = static_cast<double>(*rc::gen::inRange(0, 1000));
  const double fraction = *rc::gen::inRange(1, 100) / 100.0;  // 0.01 .. 0.99 of a step
  const double physical = (raw + fraction) * scale + offset;
  RC_ASSERT(error_of(from_physical(physical, type, scale, offset)) ==
            ValueError::kNotRepresentable);
}

RC_GTEST_PROP(FromPhysical, Float32RoundTripsWithinFloatPrecision, ()) {
  const double scale = *gen_scale();
  const double offset = *gen_offset();
  const float raw = static_cast<float>(*rc::gen::inRange(-100'000'000, 100'000'001)) / 1000.0f;
  const double physical = to_physical(raw, scale, offset);
  const Result<RegisterWords, ValueError> encoded =
      from_physical(physical, kFloat32, scale, offset);
  RC_ASSERT(encoded.ok());
  const double back = to_physical(decode_float32(encoded.value().span()).value(), scale, offset);
  // One float rounding (2^-24 relative of raw), plus double noise from the offset.
  const double tolerance =
      std::fabs(static_cast<double>(raw) * scale) * 0x1p-23 + std::fabs(offset) * 0x1p-48 + 1e-30;
  RC_ASSERT(std::fabs(back - physical) <= tolerance);
}

RC_GTEST_PROP(FromPhysical, Float32WithUnitScaleKeepsEveryNonNanFloat, (std::uint32_t bits)) {
  const float value = std::bit_cast<float>(bits);
  const Result<RegisterWords, ValueError> encoded =
      from_physical(static_cast<double>(value), kFloat32, 1.0, 0.0);
  RC_ASSERT(encoded.ok());
  const float back = decode_float32(encoded.value().span()).value();
  if (std::isnan(value)) {
    RC_ASSERT(std::isnan(back));
  } else {
    RC_ASSERT(float_bits(back) == bits);
  }
}

// ---- Word order ----

constexpr DataType low_first(DataType type) {
  type.word_order = WordOrder::kLowFirst;
  return type;
}

TEST(WordOrder, LowWordFirstNumbersSendTheirWordsReversed) {
  EXPECT_EQ(words_of(encode_value(low_first(kUint32), Value{std::uint32_t{0x12345678}})),
            (Words{0x5678, 0x1234}));
  EXPECT_EQ(words_of(encode_value(low_first(kUint64), Value{std::uint64_t{0x0001000200030004}})),
            (Words{0x0004, 0x0003, 0x0002, 0x0001}));
  // 1.0f is 0x3F800000.
  EXPECT_EQ(words_of(from_physical(1.0, low_first(kFloat32), 1.0, 0.0)), (Words{0x0000, 0x3F80}));
  EXPECT_EQ(words_of(from_physical(-2.0, low_first(kSint32), 1.0, 0.0)), (Words{0xFFFE, 0xFFFF}));
  // One register, a string: nothing to reverse.
  EXPECT_EQ(low_first(kUint16).has_word_order(), false);
  EXPECT_EQ(words_of(encode_value(low_first(kUint16), Value{std::uint16_t{0x1234}})),
            (Words{0x1234}));
}

RC_GTEST_PROP(WordOrder, DecodingUndoesEncodingInEitherOrder, (std::uint32_t raw, bool low)) {
  const DataType type = low ? low_first(kUint32) : kUint32;
  const auto words = words_of(encode_value(type, Value{raw}));
  const auto decoded = decode_value(type, words);
  RC_ASSERT(decoded.ok());
  RC_ASSERT(std::get<std::uint32_t>(decoded.value()) == raw);
  // The same words read in the other order are the halves swapped.
  const auto other = decode_value(low ? kUint32 : low_first(kUint32), words);
  RC_ASSERT(std::get<std::uint32_t>(other.value()) == ((raw << 16) | (raw >> 16)));
}

}  // namespace
}  // namespace mbh::codec
