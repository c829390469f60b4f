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
  EXPECT_THAT(text, HasSubstr("on its own it reads ReadHoldingRegistersResponse{values=[1 2 3]}"));
}

TEST(ReportFrameText, MbapMismatchIsNamed) {
  const auto wrong_id = frame(8, 230, codec::ReadHoldingRegistersResponse{{0, 0}});
  EXPECT_THAT(describe_response(wrong_id, testing::gap_request()),
              HasSubstr("MBAP header: response transaction id is not the request's (byte 0"));
}

TEST(ReportFrameText, GarbageSaysItIsNotAFrame) {
  const std::vector<std::byte> garbage{std::byte{0xDE}, std::byte{0xAD}};
  EXPECT_EQ(describe_response(garbage, testing::gap_request()),
            "not a Modbus TCP frame: the frame ends before its layout does (byte 2 of the frame)");
  EXPECT_THAT(describe_request(garbage), HasSubstr("not a Modbus TCP frame"));
}

TEST(ReportFrameText, InvalidRequestSentOnPurposeIsNamedAndItsAnswerReadAlone) {
  // Quantity 0: an R-QUANTITY request, invalid by design.
  const auto request = frame(3, 230, codec::ReadHoldingRegistersRequest{40000, 0});
  EXPECT_THAT(describe_request(request),
              HasSubstr("unit 230, transaction 3: not a valid request: quantity outside the "
                        "function's limits (byte 10 of the frame)"));
  const auto answer =
      frame(3, 230, codec::ExceptionResponse{0x03, codec::ExceptionCode::kIllegalDataValue});
  EXPECT_THAT(describe_response(answer, request), HasSubstr("ExceptionResponse{function=0x03"));
}

TEST(ReportFrameText, NoRequestSentSaysSo) {
  EXPECT_EQ(describe_request({}), "none sent");
}

}  // namespace
}  // namespace mbh::reports
