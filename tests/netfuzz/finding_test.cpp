#include "harness/netfuzz/finding.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <optional>

namespace mbh::netfuzz {
namespace {

SentFrame frame(std::uint64_t connection, std::uint64_t at_ms, FrameKind kind) {
  SentFrame sent;
  sent.bytes = {std::byte{0x00}, std::byte{static_cast<unsigned char>(at_ms)}};
  sent.kind = kind;
  sent.connection = connection;
  sent.at_ms = at_ms;
  return sent;
}

std::deque<SentFrame> history_of(std::size_t count) {
  std::deque<SentFrame> history;
  for (std::size_t i = 0; i < count; ++i)
    history.push_back(frame(1, i, FrameKind::kModelRead));
  return history;
}

TEST(FramesBeforeDown, AreTheConnectionsHistory) {
  EXPECT_EQ(frames_before_down(history_of(3), std::nullopt, std::nullopt), history_of(3));
}

TEST(FramesBeforeDown, AFrameSentAloneIsTheWholeFinding) {
  const SentFrame alone = frame(7, 10, FrameKind::kLengthShort);
  EXPECT_EQ(frames_before_down(history_of(3), alone, std::nullopt), std::deque<SentFrame>{alone});
}

// The device may fall over a frame sent alone after the read on the other connection was
// answered: the next send is blamed, and the frame before it goes in front, whether that send
// went on the main connection or alone too (a crash on FC 43 was once put on a length-short
// read sent alone right after a device-id frame sent alone).
TEST(FramesBeforeDown, AnUnansweredFrameSentAloneJustBeforeGoesInFront) {
  const SentFrame before = frame(8, 9, FrameKind::kDeviceId);
  auto main = frames_before_down(history_of(2), std::nullopt, before);
  ASSERT_EQ(main.size(), 3U);
  EXPECT_EQ(main.front(), before);
  EXPECT_EQ(main.back(), history_of(2).back());

  const SentFrame alone = frame(9, 10, FrameKind::kLengthShort);
  EXPECT_EQ(frames_before_down(history_of(2), alone, before),
            (std::deque<SentFrame>{before, alone}));
}

TEST(FramesBeforeDown, AFullHistoryLosesItsOldestFrameNotTheLastOrTheOneInFront) {
  const SentFrame before = frame(8, 900, FrameKind::kDeviceId);
  const auto full = history_of(kMaxFindingFrames);
  const auto frames = frames_before_down(full, std::nullopt, before);
  ASSERT_EQ(frames.size(), kMaxFindingFrames);
  EXPECT_EQ(frames.front(), before);
  EXPECT_EQ(frames[1], full[1]);
  EXPECT_EQ(frames.back(), full.back());
}

// Findings cut down to the same bytes are one failure: transaction ids (each send its own) and
// the kind of frame they were found after do not tell them apart; a byte or a connection does.
TEST(SameSends, AreTheSameBytesButTheTransactionIdsOnTheSameConnections) {
  SentFrame a = frame(0, 0, FrameKind::kBadMei);
  a.bytes = {std::byte{0x00}, std::byte{0x07}, std::byte{0x00}, std::byte{0x00},
             std::byte{0x00}, std::byte{0x02}, std::byte{0x01}, std::byte{0x2B}};
  SentFrame b = a;
  b.kind = FrameKind::kDeviceId;
  b.bytes[0] = std::byte{0x12};
  b.bytes[1] = std::byte{0x34};
  b.answer = {std::byte{0x01}};
  b.at_ms = 40;
  EXPECT_TRUE(same_sends({a}, {b}));
  SentFrame other_unit = b;
  other_unit.bytes[6] = std::byte{0x02};
  EXPECT_FALSE(same_sends({a}, {other_unit}));
  SentFrame other_connection = b;
  other_connection.connection = 1;
  EXPECT_FALSE(same_sends({a}, {other_connection}));
  EXPECT_FALSE(same_sends({a}, {a, b}));
  SentFrame scrap = a;
  scrap.bytes.resize(1);
  EXPECT_TRUE(same_sends({scrap}, {scrap}));
}

}  // namespace
}  // namespace mbh::netfuzz
