#include "harness/exchange/frame_reading.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/exchange/frame_text.hpp"
#include "tests/codec/hex_bytes.hpp"

namespace mbh::exchange {
namespace {

using codec::testing::hex;
using ::testing::HasSubstr;

const MalformedFrame& malformed_answer(const ExchangeReading& read) {
  EXPECT_TRUE(read.answer.has_value());
  return std::get<MalformedFrame>(*read.answer);
}

TEST(ReadExchange, AValidAnswerIsReadAgainstItsRequest) {
  const auto read = read_exchange(hex("00 07 00 00 00 06 11 03 00 6B 00 02"),
                                  hex("00 07 00 00 00 07 11 03 04 00 01 00 02"));
  ASSERT_TRUE(read.reference.has_value());
  ASSERT_TRUE(read.answer.has_value());
  const auto& answer = std::get<DecodedFrame>(*read.answer);
  ASSERT_TRUE(answer.answers.has_value());
  EXPECT_EQ(codec::function_byte(std::get<codec::Response>(answer.message)), 0x03);
}

TEST(ReadExchange, NothingBackIsNoAnswer) {
  const auto read = read_exchange(hex("00 07 00 00 00 06 11 03 00 6B 00 02"), {});
  EXPECT_TRUE(std::holds_alternative<DecodedFrame>(read.request));
  EXPECT_FALSE(read.answer.has_value());
}

TEST(ReadExchange, AnAnswerShortOfItsRequestSaysByHowMuch) {
  // Two registers asked, one given: the byte count is the field at fault.
  const auto read = read_exchange(hex("00 07 00 00 00 06 11 03 00 6B 00 02"),
                                  hex("00 07 00 00 00 05 11 03 02 00 01"));
  const auto& bad = malformed_answer(read);
  EXPECT_EQ(bad.error.stage, Stage::kPairing);
  EXPECT_EQ(bad.error.error.offset, 8U);
  EXPECT_EQ(error_line(bad.error, pdu_offset(bad)),
            "response carries another amount of data than the request asked for at byte 8 (PDU "
            "byte 1): byte count 2 holds 1 registers; the request asked for 2 (expected byte "
            "count 4)");
}

TEST(ReadExchange, TheHeaderIsPairedBeforeThePdu) {
  const auto read = read_exchange(hex("00 07 00 00 00 06 11 03 00 6B 00 02"),
                                  hex("00 08 00 00 00 05 11 03 02 00 01"));
  const auto& bad = malformed_answer(read);
  EXPECT_EQ(bad.error.stage, Stage::kHeaderPairing);
  EXPECT_EQ(bad.error.width, 2U);
  EXPECT_THAT(bad.error.detail, HasSubstr("transaction id 8 (0x0008); the request's is 7"));
}

TEST(ReadExchange, AMalformedRequestsAnswerMustCarryItsFunction) {
  // FC 03 with quantity 0 is malformed on purpose; an exception to FC 03 answers it, an FC 04
  // answer does not.
  const auto request = hex("00 07 00 00 00 06 11 03 00 6B 00 00");
  const auto refused = read_exchange(request, hex("00 07 00 00 00 03 11 83 03"));
  EXPECT_TRUE(std::holds_alternative<MalformedFrame>(refused.request));
  EXPECT_FALSE(refused.reference.has_value());
  EXPECT_TRUE(std::holds_alternative<DecodedFrame>(*refused.answer));

  const auto other = read_exchange(request, hex("00 07 00 00 00 03 11 84 03"));
  const auto& bad = malformed_answer(other);
  EXPECT_EQ(bad.error.error.code, codec::CodecError::kFunctionMismatch);
  EXPECT_EQ(bad.error.error.offset, codec::kMbapSize);
}

TEST(ReadExchange, AFrameTheLengthDoesNotCountIsAFramingError) {
  const auto read = read_exchange(hex("00 07 00 00 00 06 11 03 00 6B 00 02"),
                                  hex("00 07 00 00 00 09 11 03 04 00 01 00 02"));
  const auto& bad = malformed_answer(read);
  EXPECT_EQ(bad.error.stage, Stage::kFraming);
  EXPECT_THAT(error_line(bad.error, pdu_offset(bad)), HasSubstr("MBAP length 9 announces 8"));
}

TEST(FramesBackToBack, SplitsWholeFramesOnly) {
  const auto two = hex("00 01 00 00 00 06 11 03 00 6B 00 02 00 02 00 00 00 06 11 03 00 6B 00 02");
  EXPECT_EQ(frames_back_to_back(two).size(), 2U);
  const auto torn = hex("00 01 00 00 00 06 11 03 00 6B 00 02 00 02 00");
  EXPECT_TRUE(frames_back_to_back(torn).empty());
}

}  // namespace
}  // namespace mbh::exchange
