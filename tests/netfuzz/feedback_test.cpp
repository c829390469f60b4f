#include "harness/netfuzz/outcome_class.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <iostream>
#include <set>
#include <vector>

#include "harness/netfuzz/frame_generator.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/function_requests.hpp"
#include "models/map_catalog.hpp"

// Black-box feedback: the generator spends frames mutating those whose outcome was new.
namespace mbh::netfuzz {
namespace {

std::vector<std::byte> bytes(std::initializer_list<unsigned> values) {
  std::vector<std::byte> out;
  for (const unsigned v : values)
    out.push_back(static_cast<std::byte>(v));
  return out;
}

TEST(OutcomeClass, ClassifiesFunctionExceptionAndLength) {
  const auto normal =
      classify_outcome(OutcomeEnd::kAnswered, bytes({0, 1, 0, 0, 0, 5, 1, 0x03, 0x02, 0x12, 0x34}));
  EXPECT_EQ(normal.function, 0x03);
  EXPECT_EQ(normal.exception, 0);
  EXPECT_EQ(normal.length_bucket, std::bit_width(11U));
  const auto exception =
      classify_outcome(OutcomeEnd::kAnswered, bytes({0, 1, 0, 0, 0, 3, 1, 0x83, 0x02}));
  EXPECT_EQ(exception.function, 0x83);
  EXPECT_EQ(exception.exception, 0x02);
  EXPECT_NE(normal, exception);
  const auto closed = classify_outcome(OutcomeEnd::kClosed, bytes({0x83, 0x02}));
  EXPECT_EQ(closed, (OutcomeClass{OutcomeEnd::kClosed, 0, 0, 0}));
  EXPECT_NE(closed, classify_outcome(OutcomeEnd::kSilent, {}));
  EXPECT_EQ(classify_outcome(OutcomeEnd::kAnswered, {}).length_bucket, 0);
}

// A device as a pure function of the frame. Reads at 0xFFFF are refused with an exception code
// that depends on the quantity (modulo 32): most of those classes are only reached by changing
// the quantity of a frame that already reached one.
OutcomeClass fake_device(const GeneratedFrame& frame) {
  const auto shape = shape_of(frame.bytes);
  if (!shape.whole_frames) return classify_outcome(OutcomeEnd::kClosed, {});
  const std::span<const std::byte> pdu(frame.bytes.begin() + 7, frame.bytes.end());
  const auto function = std::to_integer<unsigned>(pdu[0]);
  std::vector<std::byte> answer(frame.bytes.begin(), frame.bytes.begin() + 8);
  if (function == kReadHolding && pdu.size() == 5 && field16(pdu, 1) == 0xFFFF) {
    answer[7] = static_cast<std::byte>(0x83);
    answer.push_back(static_cast<std::byte>(0x40U + field16(pdu, 3) % 32U));
  } else if (function != kReadHolding && function != kReadInput) {
    answer[7] = static_cast<std::byte>(function | 0x80U);
    answer.push_back(std::byte{0x01});
  } else {
    answer.resize(8 + 1 + 2 * std::min(field16(pdu, 3), 125U));
  }
  return classify_outcome(OutcomeEnd::kAnswered, answer);
}

std::size_t deep_classes(std::uint64_t seed, bool feedback, std::size_t frames) {
  const auto& map = *models::find_map("conext-bms");
  GeneratorOptions options{&map, map.first_unit, seed};
  options.feedback = feedback;
  FrameGenerator generator(options);
  std::set<unsigned> exceptions;
  for (std::size_t i = 0; i < frames; ++i) {
    const auto frame = generator.next();
    const auto outcome = fake_device(frame);
    if (outcome.exception >= 0x40) exceptions.insert(outcome.exception);
    generator.feedback(frame, outcome);
  }
  return exceptions.size();
}

TEST(Feedback, ReachesMoreClassesThanWithoutInTheSameFrames) {
  // Over seeds 1..5 together: a seed alone may reach many of the classes by chance (the
  // catalogue and the pairwise walk vary quantities at 0xFFFF too).
  std::size_t with = 0;
  std::size_t without = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    with += deep_classes(seed, true, 20000);
    without += deep_classes(seed, false, 20000);
  }
  std::cout << "classes reached, seeds 1..5: " << with << " with feedback, " << without
            << " without\n";
  EXPECT_GE(2 * with, 3 * without);
}

std::vector<GeneratedFrame> fed(std::uint64_t seed, bool feedback, bool report) {
  const auto& map = *models::find_map("conext-ags");
  GeneratorOptions options{&map, map.first_unit, seed};
  options.feedback = feedback;
  FrameGenerator generator(options);
  std::vector<GeneratedFrame> out;
  for (int i = 0; i < 3000; ++i) {
    out.push_back(generator.next());
    if (report) generator.feedback(out.back(), fake_device(out.back()));
  }
  return out;
}

TEST(Feedback, TheSameSeedAndOutcomesGiveTheSameFrames) {
  const auto a = fed(4, true, true);
  const auto b = fed(4, true, true);
  std::size_t mutations = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].bytes, b[i].bytes) << i;
    mutations += a[i].kind == FrameKind::kFeedbackMutation ? 1U : 0U;
  }
  EXPECT_GT(mutations, 100U);
}

// With feedback off, reported outcomes change nothing: the frames are those of a run that
// reports none; with it on but nothing reported, the same too.
TEST(Feedback, OffOnlyCounts) {
  const auto reported = fed(6, false, true);
  const auto silent = fed(6, false, false);
  const auto on_silent = fed(6, true, false);
  for (std::size_t i = 0; i < reported.size(); ++i) {
    ASSERT_EQ(reported[i].bytes, silent[i].bytes) << i;
    ASSERT_EQ(on_silent[i].bytes, silent[i].bytes) << i;
  }
  const auto& map = *models::find_map("conext-ags");
  GeneratorOptions options{&map, map.first_unit, 6};
  options.feedback = false;
  FrameGenerator generator(options);
  for (int i = 0; i < 500; ++i) {
    const auto frame = generator.next();
    generator.feedback(frame, fake_device(frame));
  }
  EXPECT_GT(generator.classes_seen(), 5U);
}

// Memory stays bounded: a device whose every answer is new fills the memory to its capacity
// and no further; mutations keep their safety whatever the pool holds.
TEST(Feedback, BoundedWhateverTheRunLengthAndStillSafe) {
  const auto& map = *models::find_map("conext-ags");
  FrameGenerator generator({&map, map.first_unit, 9});
  for (std::uint32_t i = 0; i < 12000; ++i) {
    const auto frame = generator.next();
    ASSERT_FALSE(shape_of(frame.bytes).carries_valid_write) << i;
    generator.feedback(frame, {OutcomeEnd::kAnswered, 3, 0, static_cast<std::uint16_t>(i)});
  }
  EXPECT_EQ(generator.classes_seen(), OutcomeMemory::kDefaultCapacity);
}

}  // namespace
}  // namespace mbh::netfuzz
