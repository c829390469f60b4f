#include "reports/frame_marks.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "harness/codec/pdu_types.hpp"
#include "tests/reports/sample_report.hpp"

namespace mbh::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using testing::frame;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::byte> read_request() {
  return frame(12, 230, codec::ReadHoldingRegistersRequest{40000, 1});
}

// Where a mark is and how wide, its reason aside.
auto at(std::size_t offset, std::size_t width) {
  return ::testing::AllOf(Field(&ByteMark::offset, offset), Field(&ByteMark::width, width));
}

TEST(ReportFrameMarks, AResponseThatAnswersItsRequestHasNone) {
  EXPECT_THAT(
      response_marks(frame(12, 230, codec::ReadHoldingRegistersResponse{{1}}), read_request()),
      IsEmpty());
  EXPECT_THAT(
      response_marks(
          frame(12, 230, codec::ExceptionResponse{0x03, codec::ExceptionCode::kIllegalDataAddress}),
          read_request()),
      IsEmpty());
  EXPECT_THAT(response_marks({}, read_request()), IsEmpty());
}

// The sample report's R-MBAP failure: transaction id 13 answers 12.
TEST(ReportFrameMarks, TransactionIdNotEchoedMarksBothItsBytes) {
  const auto marks =
      response_marks(frame(13, 230, codec::ReadHoldingRegistersResponse{{0x5375}}), read_request());
  ASSERT_THAT(marks, ElementsAre(at(0, 2)));
  EXPECT_EQ(marks[0].why, "transaction id 13 (0x000D); the request's is 12 (0x000C)");
}

TEST(ReportFrameMarks, EveryHeaderFieldAtFaultIsMarkedNotOnlyTheFirst) {
  auto response = frame(13, 231, codec::ReadHoldingRegistersResponse{{1}});
  response[3] = std::byte{0x01};  // protocol id 1
  const auto marks = response_marks(response, read_request());
  EXPECT_THAT(marks, ElementsAre(at(0, 2), at(2, 2), at(6, 1)));
  EXPECT_THAT(marks[1].why, HasSubstr("protocol id 1: Modbus is 0"));
  EXPECT_THAT(marks[2].why, HasSubstr("unit id 231 (0xE7); the request's is 230 (0xE6)"));
}

TEST(ReportFrameMarks, LengthThatCountsMoreThanCameMarksWhereBytesAreMissing) {
  auto response = frame(12, 230, codec::ReadHoldingRegistersResponse{{1}});
  response.pop_back();
  const auto marks = response_marks(response, read_request());
  ASSERT_THAT(marks, ElementsAre(at(10, 0)));
  EXPECT_EQ(marks[0].why,
            "MBAP length 5 announces 4 PDU bytes after the unit id; 3 follow (1 missing)");
}

TEST(ReportFrameMarks, LengthOutOfRangeMarksTheLength) {
  auto response = frame(12, 230, codec::ReadHoldingRegistersResponse{{1}});
  response[5] = std::byte{0x01};
  EXPECT_THAT(response_marks(response, read_request()), ElementsAre(at(4, 2)));
}

TEST(ReportFrameMarks, BytesPastTheLengthAreMarked) {
  auto response = frame(12, 230, codec::ReadHoldingRegistersResponse{{1}});
  response.push_back(std::byte{0xAA});
  response.push_back(std::byte{0xBB});
  EXPECT_THAT(response_marks(response, read_request()), ElementsAre(at(11, 2)));
}

TEST(ReportFrameMarks, AFrameShorterThanItsHeaderSaysWhereItStops) {
  const std::vector<std::byte> garbage{std::byte{0xDE}, std::byte{0xAD}, std::byte{0xBE},
                                       std::byte{0xEF}};
  const auto marks = response_marks(garbage, read_request());
  ASSERT_THAT(marks, ElementsAre(at(4, 0)));
  EXPECT_EQ(marks[0].why, "the MBAP header is 7 bytes; the frame has 4");
}

TEST(ReportFrameMarks, AByteCountForAnotherQuantityMarksTheByteCount) {
  const auto marks =
      response_marks(frame(12, 230, codec::ReadHoldingRegistersResponse{{1, 2}}), read_request());
  ASSERT_THAT(marks, ElementsAre(at(8, 1)));
  EXPECT_EQ(marks[0].why,
            "byte count 4 holds 2 registers; the request asked for 1 (expected byte count 2)");
}

TEST(ReportFrameMarks, AnotherFunctionMarksTheFunctionByte) {
  const auto marks =
      response_marks(frame(12, 230, codec::ReadInputRegistersResponse{{1}}), read_request());
  ASSERT_THAT(marks, ElementsAre(at(7, 1)));
  EXPECT_EQ(marks[0].why,
            "function 0x04 (Read Input Registers); the request is 0x03 (Read Holding Registers)");
}

TEST(ReportFrameMarks, AWriteEchoMarksTheFieldThatDiffers) {
  const auto request = frame(3, 230, codec::WriteSingleRegisterRequest{40068, 0x1234});
  const auto response = frame(3, 230, codec::WriteSingleRegisterResponse{40068, 0x1235});
  const auto marks = response_marks(response, request);
  ASSERT_THAT(marks, ElementsAre(at(10, 2)));
  EXPECT_EQ(marks[0].why, "value 4661 (0x1235); the request's is 4660 (0x1234)");
}

TEST(ReportFrameMarks, AWrongIdDoesNotHideAFaultOfThePdu) {
  const auto marks =
      response_marks(frame(13, 230, codec::ReadHoldingRegistersResponse{{1, 2}}), read_request());
  EXPECT_THAT(marks, ElementsAre(at(0, 2), at(8, 1)));
}

TEST(ReportFrameMarks, AnAnswerToARequestTheCodecCannotReadIsJudgedByItsFunction) {
  // Function 0x41, as the R-FUNCTION suite sends it; the codec implements no such request.
  const std::vector<std::byte> request{std::byte{0x00}, std::byte{0x0E}, std::byte{0x00},
                                       std::byte{0x00}, std::byte{0x00}, std::byte{0x02},
                                       std::byte{0xE6}, std::byte{0x41}};
  const auto answered =
      frame(14, 230, codec::ExceptionResponse{0x41, codec::ExceptionCode::kIllegalFunction});
  EXPECT_THAT(response_marks(answered, request), IsEmpty());
  const auto other =
      frame(14, 230, codec::ExceptionResponse{0x03, codec::ExceptionCode::kIllegalFunction});
  EXPECT_THAT(response_marks(other, request), ElementsAre(at(7, 1)));
}

}  // namespace
}  // namespace mbh::reports
