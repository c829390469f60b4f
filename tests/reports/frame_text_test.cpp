#include "reports/frame_text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "harness/codec/pdu_types.hpp"
#include "tests/reports/sample_report.hpp"

namespace mbh::reports {
namespace {

using testing::frame;
using ::testing::HasSubstr;

TEST(ReportFrameText, RequestShowsUnitTransactionAndAggregate) {
  EXPECT_EQ(describe_request(testing::gap_request()),
            "unit 230, transaction 7: ReadHoldingRegistersRequest{address=40036, quantity=2}");
}

TEST(ReportFrameText, ResponseIsDecodedAgainstItsRequest) {
  EXPECT_EQ(describe_response(testing::gap_response(), testing::gap_request()),
            "unit 230, transaction 7: ReadHoldingRegistersResponse{values=[0 0]}");
}

TEST(ReportFrameText, ExceptionResponseNamesItsCode) {
  const auto response =
      frame(7, 230, codec::ExceptionResponse{0x03, codec::ExceptionCode::kIllegalDataAddress});
  EXPECT_THAT(describe_response(response, testing::gap_request()),
              HasSubstr("ExceptionResponse{function=0x03, code=0x02"));
}

TEST(ReportFrameText, ResponseNotAnsweringItsRequestSaysWhyAndHowItReadsAlone) {
  const auto three = frame(7, 230, codec::ReadHoldingRegistersResponse{{1, 2, 3}});
  const auto text = describe_response(three, testing::gap_request());
  EXPECT_THAT(text, HasSubstr("does not answer the request: response carries another amount"));
  // As precisely as `mbharness decode` says it: the byte, expected against got.
  EXPECT_THAT(text, HasSubstr("at byte 8 (PDU byte 1): byte count 6 holds 3 registers; the "
                              "request asked for 2 (expected byte count 4)"));
  EXPECT_THAT(text, HasSubstr("on its own it reads ReadHoldingRegistersResponse{values=[1 2 3]}"));
}

TEST(ReportFrameText, MbapMismatchIsNamed) {
  const auto wrong_id = frame(8, 230, codec::ReadHoldingRegistersResponse{{0, 0}});
  EXPECT_THAT(describe_response(wrong_id, testing::gap_request()),
              HasSubstr("the MBAP header does not echo the request's: response transaction id is "
                        "not the request's at byte 0 (MBAP transaction_id): transaction id 8 "
                        "(0x0008); the request's is 7 (0x0007); on its own it reads "
                        "ReadHoldingRegistersResponse{values=[0 0]}"));
}

TEST(ReportFrameText, GarbageSaysItIsNotAFrame) {
  const std::vector<std::byte> garbage{std::byte{0xDE}, std::byte{0xAD}};
  EXPECT_EQ(describe_response(garbage, testing::gap_request()),
            "not a Modbus TCP frame: the frame ends before its layout does at byte 2: the MBAP "
            "header is 7 bytes; the frame has 2");
  EXPECT_THAT(describe_request(garbage), HasSubstr("not a Modbus TCP frame"));
}

TEST(ReportFrameText, InvalidRequestSentOnPurposeIsNamedAndItsAnswerReadAlone) {
  // Quantity 0: an R-QUANTITY request, invalid by design.
  const auto request = frame(3, 230, codec::ReadHoldingRegistersRequest{40000, 0});
  EXPECT_THAT(describe_request(request),
              HasSubstr("unit 230, transaction 3: not a valid request: quantity outside the "
                        "function's limits at byte 10 (PDU byte 3): quantity 0 outside 1..125"));
  const auto answer =
      frame(3, 230, codec::ExceptionResponse{0x03, codec::ExceptionCode::kIllegalDataValue});
  EXPECT_THAT(describe_response(answer, request), HasSubstr("ExceptionResponse{function=0x03"));
}

TEST(ReportFrameText, NoRequestSentSaysSo) {
  EXPECT_EQ(describe_request({}), "none sent");
  EXPECT_EQ(describe_response({}, testing::gap_request()), "nothing received");
}

TEST(ReportFrameText, AnAnswerOfAnotherFunctionToAMalformedRequestIsNamed) {
  const auto request = frame(3, 230, codec::ReadHoldingRegistersRequest{40000, 0});
  const auto answer =
      frame(3, 230, codec::ExceptionResponse{0x04, codec::ExceptionCode::kIllegalDataValue});
  EXPECT_THAT(describe_response(answer, request),
              HasSubstr("does not answer the request: response function code is not the "
                        "request's at byte 7 (PDU byte 0): exception response to function 0x04 "
                        "(Read Input Registers); the request is 0x03 (Read Holding Registers)"));
}

}  // namespace
}  // namespace mbh::reports
