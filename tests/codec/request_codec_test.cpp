#include "harness/codec/request_codec.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <vector>

#include "golden_vectors.hpp"
#include "harness/codec/aggregate_traits.hpp"
#include "hex_bytes.hpp"
#include "pdu_generators.hpp"

namespace mbh::codec {
namespace {

using testing::golden_vectors;
using testing::hex;
using testing::to_hex;

std::vector<std::byte> encoded(const Request& request) {
  std::array<std::byte, kMaxPduSize> buffer{};
  const auto size = encode_request(request, buffer);
  EXPECT_TRUE(size.ok());
  return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size.value())};
}

TEST(RequestCodec, DecodesEveryWorkedExampleOfTheSpecification) {
  for (const auto& vector : golden_vectors()) {
    SCOPED_TRACE(vector.name);
    const auto decoded = decode_request(hex(vector.request_hex));
    ASSERT_TRUE(decoded.ok()) << message(decoded.error().code);
    EXPECT_EQ(decoded.value(), vector.request);
  }
}

TEST(RequestCodec, EncodesEveryWorkedExampleOfTheSpecification) {
  for (const auto& vector : golden_vectors()) {
    SCOPED_TRACE(vector.name);
    EXPECT_EQ(to_hex(encoded(vector.request)), to_hex(hex(vector.request_hex)));
  }
}

struct BadRequest {
  const char* why;
  const char* pdu;
  CodecError error;
  std::size_t offset;
  std::optional<ExceptionCode> answer;
};

TEST(RequestCodec, NamesExactlyWhatIsWrongAndWhichExceptionAnswersIt) {
  const auto e01 = ExceptionCode::kIllegalFunction;
  const auto e02 = ExceptionCode::kIllegalDataAddress;
  const auto e03 = ExceptionCode::kIllegalDataValue;
  const BadRequest cases[] = {
      {"empty", "", CodecError::kTruncated, 0, e03},
      {"FC 08 Diagnostics", "08 00 00 00 00", CodecError::kUnsupportedFunction, 0, e01},
      {"an exception code as a request", "83 02", CodecError::kUnsupportedFunction, 0, e01},
      {"FC 03 one byte short", "03 00 6B 00", CodecError::kTruncated, 4, e03},
      {"FC 03 one byte long", "03 00 6B 00 03 00", CodecError::kTrailingBytes, 5, e03},
      {"FC 03 quantity 0", "03 00 6B 00 00", CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 03 quantity 126", "03 00 6B 00 7E", CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 04 quantity 126", "04 00 00 00 7E", CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 01 quantity 2001", "01 00 00 07 D1", CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 03 past 65535", "03 FF FF 00 02", CodecError::kAddressOverflow, 1, e02},
      {"FC 03 quantity and address both wrong: 03 first", "03 FF FF 00 7E",
       CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 05 value 0x1234", "05 00 AC 12 34", CodecError::kInvalidCoilValue, 3, e03},
      {"FC 15 byte count 1 for 10 coils", "0F 00 13 00 0A 01 CD", CodecError::kByteCountMismatch, 5,
       e03},
      {"FC 15 quantity 1969", "0F 00 00 07 B1 F7", CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 15 data short", "0F 00 13 00 0A 02 CD", CodecError::kTruncated, 7, e03},
      {"FC 16 byte count 3 for 2 registers", "10 00 01 00 02 03 00 0A 01",
       CodecError::kByteCountMismatch, 5, e03},
      {"FC 16 quantity 124", "10 00 01 00 7C F8", CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 16 data long", "10 00 01 00 01 02 00 0A 01", CodecError::kTrailingBytes, 8, e03},
      {"FC 16 header short", "10 00 01 00", CodecError::kTruncated, 4, e03},
      {"FC 22 short", "16 00 04 00 F2 00", CodecError::kTruncated, 6, e03},
      {"FC 23 write quantity 122", "17 00 03 00 06 00 0E 00 7A F4", CodecError::kQuantityOutOfRange,
       7, e03},
      {"FC 23 read quantity 0", "17 00 03 00 00 00 0E 00 01 02 00 01",
       CodecError::kQuantityOutOfRange, 3, e03},
      {"FC 23 byte count odd", "17 00 03 00 06 00 0E 00 01 03 00 01 00",
       CodecError::kByteCountMismatch, 9, e03},
      {"FC 23 write past 65535", "17 00 03 00 06 FF FF 00 02 04 00 01 00 02",
       CodecError::kAddressOverflow, 5, e02},
      {"FC 43 MEI 0x0D (CANopen)", "2B 0D 01 00", CodecError::kUnsupportedMeiType, 1, e01},
      {"FC 43 read code 5", "2B 0E 05 00", CodecError::kInvalidReadDeviceIdCode, 2, e03},
      {"FC 43 short", "2B 0E 01", CodecError::kTruncated, 3, e03},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.why);
    const auto decoded = decode_request(hex(c.pdu));
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(identifier(decoded.error().code), identifier(c.error));
    EXPECT_EQ(decoded.error().offset, c.offset);
    EXPECT_EQ(exception_for(decoded.error().code), c.answer);
  }
}

TEST(RequestCodec, RefusesAPduLongerThanAnyAduCarries) {
  std::vector<std::byte> pdu(kMaxPduSize + 1, std::byte{0});
  pdu[0] = std::byte{0x10};
  const auto decoded = decode_request(pdu);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error(), (DecodeError{CodecError::kPduTooLarge, kMaxPduSize}));
}

TEST(RequestCodec, AcceptsTheLimitsThemselves) {
  EXPECT_TRUE(decode_request(hex("03 00 00 00 7D")).ok());  // 125 registers
  EXPECT_TRUE(decode_request(hex("03 00 00 00 01")).ok());
  EXPECT_TRUE(decode_request(hex("03 FF FF 00 01")).ok());  // the last register alone
  EXPECT_TRUE(decode_request(hex("01 00 00 07 D0")).ok());  // 2000 coils
  EXPECT_TRUE(decode_request(hex("05 00 00 00 00")).ok());  // coil off
}

TEST(RequestCodec, ReportsAnOutputBufferTooSmall) {
  std::array<std::byte, 4> small{};
  const auto size = encode_request(ReadHoldingRegistersRequest{0, 1}, small);
  ASSERT_FALSE(size.ok());
  EXPECT_EQ(size.error(), EncodeError::kOutputTooSmall);
}

RC_GTEST_PROP(RequestCodecProperty, DecodeOfEncodeIsIdentityForValidAndTheErrorOtherwise,
              (const Request& request)) {
  const auto bytes = encoded(request);
  const auto decoded = decode_request(bytes);
  const auto expected_error = validate(request);
  RC_CLASSIFY(!expected_error.has_value(), "valid");
  if (expected_error) {
    RC_ASSERT(!decoded.ok());
    RC_ASSERT(decoded.error().code == *expected_error);
  } else {
    RC_ASSERT(decoded.ok());
    RC_ASSERT(decoded.value() == request);
  }
}

// Any byte string either fails with a typed error or re-encodes to exactly the same bytes.
void check_decode_is_total(const std::vector<std::byte>& bytes) {
  const auto decoded = decode_request(bytes);
  if (decoded.ok()) {
    RC_ASSERT(to_hex(encoded(decoded.value())) == to_hex(bytes));
  } else {
    RC_ASSERT(decoded.error().code <= kLastCodecError);
    RC_ASSERT(decoded.error().offset <= bytes.size());
  }
}

RC_GTEST_PROP(RequestCodecProperty, AnyBytesFailTypedOrReencodeExactly,
              (const std::vector<std::uint8_t>& raw)) {
  std::vector<std::byte> bytes;
  for (auto b : raw)
    bytes.push_back(std::byte{b});
  check_decode_is_total(bytes);
}

// Arbitrary bytes rarely look like a request: mutate valid encodings to reach deeper.
RC_GTEST_PROP(RequestCodecProperty, MutatedRequestsFailTypedOrReencodeExactly,
              (const Request& request, std::uint8_t at, std::uint8_t value, std::uint8_t cut)) {
  auto bytes = encoded(request);
  bytes[at % bytes.size()] = std::byte{value};
  bytes.resize(bytes.size() - std::min<std::size_t>(cut % 3, bytes.size()));
  check_decode_is_total(bytes);
}

}  // namespace
}  // namespace mbh::codec
