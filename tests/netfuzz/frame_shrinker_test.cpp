#include "harness/netfuzz/frame_shrinker.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mbh::netfuzz {
namespace {

// An MBAP frame: transaction id, protocol 0, the length counting unit and PDU, unit 1.
SentFrame sent_frame(std::vector<std::uint8_t> pdu, std::uint64_t connection = 0) {
  const std::size_t length = pdu.size() + 1;
  std::vector<std::uint8_t> raw{0x00,
                                0x01,
                                0x00,
                                0x00,
                                static_cast<std::uint8_t>(length >> 8U),
                                static_cast<std::uint8_t>(length),
                                0x01};
  raw.insert(raw.end(), pdu.begin(), pdu.end());
  SentFrame frame;
  for (const auto byte : raw)
    frame.bytes.push_back(std::byte{byte});
  frame.connection = connection;
  return frame;
}

std::uint8_t function_of(const SentFrame& frame) {
  return std::to_integer<std::uint8_t>(frame.bytes[7]);
}

std::size_t length_field(const SentFrame& frame) {
  return (std::to_integer<std::size_t>(frame.bytes[4]) << 8U) |
         std::to_integer<std::size_t>(frame.bytes[5]);
}

// A device that falls over any PDU starting 2B, whatever came before it.
bool crashes_on_2b(const std::vector<SentFrame>& frames) {
  return std::ranges::any_of(
      frames, [](const SentFrame& f) { return f.bytes.size() > 7 && function_of(f) == 0x2B; });
}

TEST(FrameShrinker, TheTriggerAloneIsCutToItsFunctionCode) {
  std::size_t tries = 0;
  const Reproduces device = [&](std::vector<SentFrame>& candidate) {
    ++tries;
    return crashes_on_2b(candidate);
  };
  const auto frames = shrink_frames(
      {sent_frame({0x03, 0x00, 0x00, 0x00, 0x02}), sent_frame({0x2B, 0x0E, 0x01, 0x00}, 1)}, 2,
      device);
  ASSERT_EQ(frames.size(), 1U);
  EXPECT_EQ(frames[0].bytes.size(), 8U);
  EXPECT_EQ(function_of(frames[0]), 0x2B);
  EXPECT_EQ(length_field(frames[0]), 2U);  // still counts unit and function
  EXPECT_EQ(frames[0].connection, 0U);
  EXPECT_LT(tries, 8U);
}

TEST(FrameShrinker, AFrameSentAloneBeforeTheBlamedOneIsFoundAlone) {
  const Reproduces device = [](std::vector<SentFrame>& candidate) {
    return crashes_on_2b(candidate);
  };
  // The frame the device fell over went alone just before a read it was blamed on.
  SentFrame fell_over = sent_frame({0x2B, 0x0E, 0x04, 0x07}, 8);
  fell_over.kind = FrameKind::kDeviceId;
  const auto frames =
      shrink_frames({fell_over, sent_frame({0x03, 0x00, 0x10, 0x00, 0x01}, 9)}, 2, device);
  ASSERT_EQ(frames.size(), 1U);
  EXPECT_EQ(function_of(frames[0]), 0x2B);
  EXPECT_EQ(frames[0].kind, FrameKind::kDeviceId);
  EXPECT_EQ(frames[0].connection, 0U);  // numbered anew
}

// A bug that needs a state built by an earlier frame and a PDU at least 6 bytes long: the
// earlier frame stays, the trigger is cut to 6 bytes and no shorter.
TEST(FrameShrinker, KeepsWhatTheBugNeeds) {
  const Reproduces device = [](std::vector<SentFrame>& candidate) {
    const bool armed = std::ranges::any_of(
        candidate, [](const SentFrame& f) { return f.bytes.size() > 7 && function_of(f) == 0x08; });
    const SentFrame& last = candidate.back();
    return armed && function_of(last) == 0x16 && last.bytes.size() >= 7 + 6;
  };
  const auto frames = shrink_frames(
      {sent_frame({0x03, 0x00, 0x00, 0x00, 0x01}), sent_frame({0x08, 0x00, 0x00, 0x12, 0x34}),
       sent_frame({0x04, 0x00, 0x00, 0x00, 0x01}),
       sent_frame({0x16, 0x00, 0x01, 0xFF, 0x00, 0x00, 0xFF, 0x12, 0x34})},
      2, device);
  ASSERT_EQ(frames.size(), 2U);
  EXPECT_EQ(function_of(frames[0]), 0x08);
  EXPECT_EQ(frames[0].bytes.size(), 8U);  // the state needs its function code alone
  EXPECT_EQ(function_of(frames[1]), 0x16);
  EXPECT_EQ(frames[1].bytes.size(), 13U);
  EXPECT_EQ(length_field(frames[1]), 7U);
}

// A length that did not count the bytes after it may be the bug: it is left as it was.
TEST(FrameShrinker, AnMbapLengthThatDisagreedIsLeftAsItWas) {
  SentFrame long_length = sent_frame({0x03, 0x00, 0x00, 0x00, 0x01});
  long_length.bytes[5] = std::byte{0xFF};
  const Reproduces device = [](std::vector<SentFrame>& candidate) {
    return length_field(candidate.back()) == 0xFF;
  };
  const auto frames = shrink_frames({long_length}, 2, device);
  ASSERT_EQ(frames.size(), 1U);
  EXPECT_EQ(frames[0].bytes.size(), 8U);
  EXPECT_EQ(length_field(frames[0]), 0xFFU);
}

TEST(FrameShrinker, NothingReproducingLeavesTheFramesAsTheyWere) {
  const std::vector<SentFrame> sent{sent_frame({0x03, 0x00, 0x00, 0x00, 0x02}),
                                    sent_frame({0x2B, 0x0E, 0x01, 0x00})};
  const Reproduces never = [](std::vector<SentFrame>&) { return false; };
  EXPECT_EQ(shrink_frames(sent, 2, never), sent);
  // Too short to cut, and a frame that is not even a header: nothing to try.
  SentFrame scrap;
  scrap.bytes = {std::byte{0x01}, std::byte{0x02}};
  const Reproduces always = [](std::vector<SentFrame>&) { return true; };
  EXPECT_EQ(shrink_frames({scrap}, 2, always), std::vector<SentFrame>{scrap});
}

// Whatever the device needs, the result reproduces (every accepted candidate did), is never
// longer, and every frame keeps its header and function code.
RC_GTEST_PROP(FrameShrinker, TheResultReproducesAndIsNoLonger, ()) {
  const auto count = *rc::gen::inRange<std::size_t>(1, 12);
  std::vector<SentFrame> frames;
  for (std::size_t i = 0; i < count; ++i) {
    frames.push_back(sent_frame(*rc::gen::container<std::vector<std::uint8_t>>(
        *rc::gen::inRange<std::size_t>(1, 20), rc::gen::arbitrary<std::uint8_t>())));
  }
  const auto needed_function = *rc::gen::arbitrary<std::uint8_t>();
  const auto needed_size = *rc::gen::inRange<std::size_t>(8, 28);
  const auto test = [&](const std::vector<SentFrame>& candidate) {
    return std::ranges::any_of(candidate, [&](const SentFrame& f) {
      return function_of(f) == needed_function && f.bytes.size() >= needed_size;
    });
  };
  const Reproduces device = [&](std::vector<SentFrame>& candidate) { return test(candidate); };
  const auto shrunk = shrink_frames(frames, 2, device);
  RC_ASSERT(shrunk.size() <= frames.size());
  RC_ASSERT(byte_count(shrunk) <= byte_count(frames));
  RC_ASSERT(std::ranges::all_of(shrunk, [](const SentFrame& f) { return f.bytes.size() >= 8; }));
  if (test(frames)) {
    // The one frame that does it, and the last one (the trigger is never dropped, only cut).
    RC_ASSERT(test(shrunk));
    RC_ASSERT(shrunk.size() <= 2U);
    for (const SentFrame& frame : shrunk) {
      const bool does_it = test({frame});
      RC_ASSERT(frame.bytes.size() == (does_it ? needed_size : 8U));
    }
  } else {
    RC_ASSERT(shrunk == frames);
  }
}

}  // namespace
}  // namespace mbh::netfuzz
