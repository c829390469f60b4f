#include "harness/client/answer_selection.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <variant>
#include <vector>

#include "tests/codec/hex_bytes.hpp"

namespace mbh::client {
namespace {

using codec::testing::hex;

// Transaction 7, unit 1: read holding registers, one register holding 0x002A.
const std::vector<std::byte> kAnswer7 = hex("00 07 00 00 00 05 01 03 02 00 2A");
// The same answer for transaction 9.
const std::vector<std::byte> kAnswer9 = hex("00 09 00 00 00 05 01 03 02 00 2A");

std::vector<std::byte> joined(std::vector<std::byte> a, const std::vector<std::byte>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(AnswerSelection, NeedsMoreUntilTheWholeFrameIsThere) {
  const TimedOutIds none;
  for (std::size_t cut = 0; cut < kAnswer7.size(); ++cut) {
    const auto selected = select_answer(std::span(kAnswer7).first(cut), none, 7);
    ASSERT_TRUE(std::holds_alternative<codec::NeedMore>(selected)) << "cut at " << cut;
  }
  const auto whole = select_answer(kAnswer7, none, 7);
  ASSERT_TRUE(std::holds_alternative<AnswerFrame>(whole));
  EXPECT_EQ(std::get<AnswerFrame>(whole).size, kAnswer7.size());
}

TEST(AnswerSelection, TakesOnlyTheFirstFrameAndLeavesWhatFollows) {
  const auto selected = select_answer(joined(kAnswer7, hex("FF FF")), TimedOutIds{}, 7);
  ASSERT_TRUE(std::holds_alternative<AnswerFrame>(selected));
  EXPECT_EQ(std::get<AnswerFrame>(selected).size, kAnswer7.size());
}

// modbus_client.hpp: any complete frame is the answer; the caller judges its header.
TEST(AnswerSelection, TakesAFrameWithAnotherIdThatNoRequestTimedOutWith) {
  const auto selected = select_answer(kAnswer9, TimedOutIds{}, 7);
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(selected));
}

TEST(AnswerSelection, SkipsTheLateAnswerOfARequestThatTimedOut) {
  TimedOutIds timed_out;
  timed_out.remember(9);
  const auto selected = select_answer(joined(kAnswer9, kAnswer7), timed_out, 7);
  ASSERT_TRUE(std::holds_alternative<LateAnswer>(selected));
  EXPECT_EQ(std::get<LateAnswer>(selected).size, kAnswer9.size());
  EXPECT_EQ(std::get<LateAnswer>(selected).transaction_id, 9);
}

// An id sent again: a frame carrying it answers the new request (TimedOutIds::forget).
TEST(AnswerSelection, TakesAFrameWithATimedOutIdWhenThatIdIsOutstanding) {
  TimedOutIds timed_out;
  timed_out.remember(7);
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(select_answer(kAnswer7, timed_out, 7)));
}

// ModbusClient::exchange_raw with fewer than 7 bytes sends no id: nothing answers it but a frame
// that is not late.
TEST(AnswerSelection, SkipsALateAnswerWhenNoIdIsOutstanding) {
  TimedOutIds timed_out;
  timed_out.remember(7);
  EXPECT_TRUE(std::holds_alternative<LateAnswer>(select_answer(kAnswer7, timed_out, {})));
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(select_answer(kAnswer9, timed_out, {})));
}

TEST(AnswerSelection, ReportsAHeaderThatCannotBeFramedWithTheCodecError) {
  const TimedOutIds none;
  const struct {
    const char* header;
    codec::CodecError code;
  } cases[] = {
      {"00 07 00 01 00 05 01", codec::CodecError::kBadProtocolId},
      {"00 07 00 00 00 01 01", codec::CodecError::kLengthTooSmall},
      {"00 07 00 00 00 FF 01", codec::CodecError::kLengthTooLarge},
  };
  for (const auto& c : cases) {
    const auto selected = select_answer(hex(c.header), none, 7);
    ASSERT_TRUE(std::holds_alternative<codec::DecodeError>(selected)) << c.header;
    EXPECT_EQ(std::get<codec::DecodeError>(selected).code, c.code) << c.header;
  }
}

// A late answer is recognised by its header alone, but only once complete, so that the bytes
// skipped are always a whole frame.
TEST(AnswerSelection, NeedsTheWholeLateAnswerBeforeSkippingIt) {
  TimedOutIds timed_out;
  timed_out.remember(9);
  const auto selected = select_answer(std::span(kAnswer9).first(kAnswer9.size() - 1), timed_out, 7);
  ASSERT_TRUE(std::holds_alternative<codec::NeedMore>(selected));
  EXPECT_EQ(std::get<codec::NeedMore>(selected).at_least, 1U);
}

}  // namespace
}  // namespace mbh::client
