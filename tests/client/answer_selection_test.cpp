#include "harness/client/answer_selection.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <utility>
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

// Transaction 3: the answer to a request that was answered already.
const std::vector<std::byte> kAnswer3 = hex("00 03 00 00 00 05 01 03 02 00 2A");

const TimedOutIds kNoneTimedOut;
const AnsweredIds kNoneAnswered;

AnswerSelection select(std::span<const std::byte> unread, std::optional<std::uint16_t> outstanding,
                       const TimedOutIds& timed_out = kNoneTimedOut,
                       const AnsweredIds& answered = kNoneAnswered,
                       Arrival arrival = Arrival::kWhileWaiting) {
  return select_answer(unread, timed_out, answered, outstanding, arrival);
}

// The kind of a stray frame, or none when `selected` is not one.
std::optional<StrayKind> stray(const AnswerSelection& selected) {
  const auto* frame = std::get_if<StrayFrame>(&selected);
  if (frame == nullptr) return std::nullopt;
  return frame->kind;
}

TEST(AnswerSelection, NeedsMoreUntilTheWholeFrameIsThere) {
  for (std::size_t cut = 0; cut < kAnswer7.size(); ++cut) {
    const auto selected = select(std::span(kAnswer7).first(cut), 7);
    ASSERT_TRUE(std::holds_alternative<codec::NeedMore>(selected)) << "cut at " << cut;
  }
  const auto whole = select(kAnswer7, 7);
  ASSERT_TRUE(std::holds_alternative<AnswerFrame>(whole));
  EXPECT_EQ(std::get<AnswerFrame>(whole).size, kAnswer7.size());
  EXPECT_EQ(std::get<AnswerFrame>(whole).transaction_id, 7);
}

TEST(AnswerSelection, TakesOnlyTheFirstFrameAndLeavesWhatFollows) {
  const auto selected = select(joined(kAnswer7, hex("FF FF")), 7);
  ASSERT_TRUE(std::holds_alternative<AnswerFrame>(selected));
  EXPECT_EQ(std::get<AnswerFrame>(selected).size, kAnswer7.size());
}

// modbus_client.hpp: only a frame carrying the outstanding id is the answer. One with an id no
// request outstanding or remembered carried answers a request never sent, or, come before
// the request was sent, was sent unasked.
TEST(AnswerSelection, DiscardsAFrameWithAnIdNoRequestCarried) {
  const auto waiting = select(kAnswer9, 7);
  ASSERT_EQ(stray(waiting), StrayKind::kNeverSent);
  EXPECT_EQ(std::get<StrayFrame>(waiting).size, kAnswer9.size());
  EXPECT_EQ(std::get<StrayFrame>(waiting).transaction_id, 9);
  const auto idle = select(kAnswer9, 7, kNoneTimedOut, kNoneAnswered, Arrival::kBeforeRequest);
  EXPECT_EQ(stray(idle), StrayKind::kUnasked);
}

TEST(AnswerSelection, DiscardsTheLateAnswerOfARequestThatTimedOut) {
  TimedOutIds timed_out;
  timed_out.remember(9);
  const auto selected = select(joined(kAnswer9, kAnswer7), 7, timed_out);
  ASSERT_EQ(stray(selected), StrayKind::kLate);
  EXPECT_EQ(std::get<StrayFrame>(selected).size, kAnswer9.size());
  EXPECT_EQ(std::get<StrayFrame>(selected).transaction_id, 9);
  // Late, also when it came before the request: its request was sent.
  EXPECT_EQ(stray(select(kAnswer9, 7, timed_out, kNoneAnswered, Arrival::kBeforeRequest)),
            StrayKind::kLate);
}

TEST(AnswerSelection, DiscardsASecondAnswerToARequestAnsweredAlready) {
  AnsweredIds answered;
  answered.remember(3);
  for (const Arrival arrival : {Arrival::kWhileWaiting, Arrival::kBeforeRequest}) {
    const auto selected = select(kAnswer3, 7, kNoneTimedOut, answered, arrival);
    ASSERT_EQ(stray(selected), StrayKind::kDuplicate);
    EXPECT_EQ(std::get<StrayFrame>(selected).transaction_id, 3);
  }
}

// A device that answers twice and sends a frame unasked: each stray is discarded in turn, and
// the frame carrying the outstanding id behind them is still the answer.
TEST(AnswerSelection, TakesTheOutstandingAnswerAfterStrays) {
  TimedOutIds timed_out;
  timed_out.remember(5);
  AnsweredIds answered;
  answered.remember(3);
  const auto late5 = hex("00 05 00 00 00 05 01 03 02 00 2A");
  std::vector<std::byte> unread = joined(joined(joined(kAnswer3, late5), kAnswer9), kAnswer7);
  std::span<const std::byte> rest = unread;
  std::vector<StrayKind> kinds;
  for (;;) {
    const auto selected = select(rest, 7, timed_out, answered);
    if (const auto* frame = std::get_if<StrayFrame>(&selected)) {
      kinds.push_back(frame->kind);
      rest = rest.subspan(frame->size);
      continue;
    }
    ASSERT_TRUE(std::holds_alternative<AnswerFrame>(selected));
    EXPECT_EQ(std::get<AnswerFrame>(selected).size, rest.size());
    break;
  }
  EXPECT_EQ(kinds, (std::vector<StrayKind>{StrayKind::kDuplicate, StrayKind::kLate,
                                           StrayKind::kNeverSent}));
}

// An id sent again: a frame carrying it answers the new request (RecentIds::forget).
TEST(AnswerSelection, TakesAFrameWithATimedOutOrAnsweredIdWhenThatIdIsOutstanding) {
  TimedOutIds timed_out;
  timed_out.remember(7);
  AnsweredIds answered;
  answered.remember(7);
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(select(kAnswer7, 7, timed_out)));
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(select(kAnswer7, 7, kNoneTimedOut, answered)));
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(
      select(kAnswer7, 7, kNoneTimedOut, kNoneAnswered, Arrival::kBeforeRequest)));
}

// ModbusClient::exchange_raw with fewer than 7 bytes sends no id: any frame but a late answer
// is its answer.
TEST(AnswerSelection, TakesAnyFrameButALateAnswerWhenNoIdIsOutstanding) {
  TimedOutIds timed_out;
  timed_out.remember(7);
  AnsweredIds answered;
  answered.remember(3);
  EXPECT_EQ(stray(select(kAnswer7, {}, timed_out)), StrayKind::kLate);
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(select(kAnswer9, {}, timed_out)));
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(select(kAnswer3, {}, timed_out, answered)));
  EXPECT_TRUE(std::holds_alternative<AnswerFrame>(
      select(kAnswer9, {}, timed_out, answered, Arrival::kBeforeRequest)));
}

TEST(AnswerSelection, ReportsAHeaderThatCannotBeFramedWithTheCodecError) {
  const struct {
    const char* header;
    codec::CodecError code;
  } cases[] = {
      {"00 07 00 01 00 05 01", codec::CodecError::kBadProtocolId},
      {"00 07 00 00 00 01 01", codec::CodecError::kLengthTooSmall},
      {"00 07 00 00 00 FF 01", codec::CodecError::kLengthTooLarge},
  };
  for (const auto& c : cases) {
    const auto selected = select(hex(c.header), 7);
    ASSERT_TRUE(std::holds_alternative<codec::DecodeError>(selected)) << c.header;
    EXPECT_EQ(std::get<codec::DecodeError>(selected).code, c.code) << c.header;
  }
}

// A stray frame is recognised by its header alone, but only once complete, so that the bytes
// discarded are always a whole frame.
TEST(AnswerSelection, NeedsTheWholeStrayFrameBeforeDiscardingIt) {
  TimedOutIds timed_out;
  timed_out.remember(9);
  for (const TimedOutIds* ids : {&std::as_const(timed_out), &kNoneTimedOut}) {
    const auto selected = select(std::span(kAnswer9).first(kAnswer9.size() - 1), 7, *ids);
    ASSERT_TRUE(std::holds_alternative<codec::NeedMore>(selected));
    EXPECT_EQ(std::get<codec::NeedMore>(selected).at_least, 1U);
  }
}

TEST(AnswerSelection, NamesEveryStrayKind) {
  for (const StrayKind kind :
       {StrayKind::kLate, StrayKind::kDuplicate, StrayKind::kNeverSent, StrayKind::kUnasked}) {
    EXPECT_FALSE(stray_kind_name(kind).empty());
    EXPECT_NE(stray_kind_name(kind), "stray frame");
    EXPECT_EQ(device_fault(kind), kind != StrayKind::kLate);
  }
}

}  // namespace
}  // namespace mbh::client
