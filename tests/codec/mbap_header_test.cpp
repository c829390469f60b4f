#include "harness/codec/mbap_header.hpp"

#include <gtest/gtest.h>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "hex_bytes.hpp"

namespace mbh::codec {
namespace {

using testing::hex;
using testing::to_hex;

// The specification's FC 03 example as an ADU, transaction 1, unit 17.
constexpr const char* kRequestAdu = "00 01 00 00 00 06 11 03 00 6B 00 03";
constexpr const char* kResponseAdu = "00 01 00 00 00 09 11 03 06 02 2B 00 00 00 64";

TEST(MbapHeader, DecodesTheSpecificationsAduExample) {
  const auto frame = hex(kRequestAdu);
  const auto adu = decode_adu(frame);
  ASSERT_TRUE(adu.ok());
  EXPECT_EQ(adu->header, (MbapHeader{1, 0, 6, 17}));
  EXPECT_EQ(to_hex(adu->pdu), "03 00 6B 00 03");
}

TEST(MbapHeader, EncodesRequestAndResponseAdusWithTheLengthComputed) {
  EXPECT_EQ(to_hex(encode_adu(1, 17, Request{ReadHoldingRegistersRequest{0x6B, 3}}).span()),
            kRequestAdu);
  EXPECT_EQ(
      to_hex(encode_adu(1, 17, Response{ReadHoldingRegistersResponse{{0x022B, 0, 0x64}}}).span()),
      kResponseAdu);
}

TEST(MbapHeader, RejectsBadHeadersAndLengthsThatDisagreeWithTheBytes) {
  struct Case {
    const char* frame;
    CodecError error;
    std::size_t offset;
  };
  const Case cases[] = {
      {"00 01 00 00 00", CodecError::kTruncated, 5},
      {"00 01 00 01 00 06 11 03 00 6B 00 03", CodecError::kBadProtocolId, 2},
      {"00 01 00 00 00 00 11", CodecError::kLengthTooSmall, 4},
      {"00 01 00 00 00 01 11", CodecError::kLengthTooSmall, 4},
      {"00 01 00 00 00 FF 11", CodecError::kLengthTooLarge, 4},
      {"00 01 00 00 00 07 11 03 00 6B 00 03", CodecError::kTruncated, 12},
      {"00 01 00 00 00 05 11 03 00 6B 00 03", CodecError::kTrailingBytes, 11},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.frame);
    const auto adu = decode_adu(hex(c.frame));
    ASSERT_FALSE(adu.ok());
    EXPECT_EQ(identifier(adu.error().code), identifier(c.error));
    EXPECT_EQ(adu.error().offset, c.offset);
  }
}

TEST(MbapHeader, AResponseHeaderMustEchoTransactionProtocolAndUnit) {
  const MbapHeader request{7, 0, 6, 17};
  EXPECT_FALSE(check_answers(MbapHeader{7, 0, 9, 17}, request));
  EXPECT_EQ(check_answers(MbapHeader{8, 0, 9, 17}, request)->code,
            CodecError::kTransactionMismatch);
  EXPECT_EQ(check_answers(MbapHeader{7, 1, 9, 17}, request)->code, CodecError::kBadProtocolId);
  EXPECT_EQ(check_answers(MbapHeader{7, 0, 9, 18}, request)->code, CodecError::kUnitMismatch);
}

TEST(MbapHeader, LargestRequestAndResponseFitTheAduLimit) {
  WriteMultipleRegistersRequest write{0, {}};
  for (int i = 0; i < kMaxWriteRegisters; ++i)
    write.values.push_back(0xABCD);
  EXPECT_LE(encode_adu(1, 1, Request{write}).size, kMaxAduSize);
  ReadDeviceIdentificationResponse id;
  while (id.objects.add(0x80, "x")) {
  }
  const auto adu = encode_adu(1, 1, Response{id});
  EXPECT_EQ(adu.size, kMaxAduSize);  // 82 three-byte objects fill the 246 bytes exactly
  EXPECT_TRUE(decode_adu(adu.span()).ok());
}

}  // namespace
}  // namespace mbh::codec
