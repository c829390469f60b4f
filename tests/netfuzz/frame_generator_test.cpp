#include "harness/netfuzz/frame_generator.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "harness/netfuzz/frame_stream.hpp"
#include "models/map_catalog.hpp"

namespace mbh::netfuzz {
namespace {

std::vector<GeneratedFrame> frames(const models::RegisterMap& map, std::uint64_t seed,
                                   std::size_t count, bool allow_writes = false) {
  FrameGenerator generator({&map, map.first_unit, seed, allow_writes});
  std::vector<GeneratedFrame> out;
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(generator.next());
  return out;
}

const models::RegisterMap& bms() {
  return *models::find_map("conext-bms");
}

TEST(FrameGenerator, TheSameSeedGivesTheSameFrames) {
  const auto a = frames(bms(), 7, 2000);
  const auto b = frames(bms(), 7, 2000);
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].bytes, b[i].bytes) << "frame " << i;
    ASSERT_EQ(a[i].kind, b[i].kind) << "frame " << i;
    ASSERT_EQ(a[i].index, i);
  }
}

TEST(FrameGenerator, DifferentSeedsGiveDifferentFrames) {
  // The catalogue is the same for every seed and takes one frame in two after the model pass.
  const auto a = frames(bms(), 1, 2000);
  const auto b = frames(bms(), 2, 2000);
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    differ += a[i].bytes != b[i].bytes ? 1U : 0U;
  EXPECT_GT(differ, 800U);
}

TEST(FrameGenerator, EveryFrameCarriesItsOwnTransactionId) {
  std::set<unsigned> ids;
  for (const auto& frame : frames(bms(), 3, 3000)) {
    ASSERT_GE(frame.bytes.size(), 2U);
    const unsigned id = std::to_integer<unsigned>(frame.bytes[0]) * 256U +
                        std::to_integer<unsigned>(frame.bytes[1]);
    EXPECT_TRUE(ids.insert(id).second) << "transaction id " << id << " twice";
  }
}

TEST(FrameGenerator, StartsWithTheModelPassOverEveryBlock) {
  for (const auto* map : models::all_maps()) {
    const auto first = frames(*map, 1, map->blocks.size() * 7);
    for (const auto& block : map->blocks) {
      const auto function =
          block.space == models::Space::kHolding ? std::byte{0x03} : std::byte{0x04};
      const auto reads = [&](unsigned address, unsigned quantity) {
        return std::ranges::any_of(first, [&](const GeneratedFrame& f) {
          return f.bytes.size() == 12 && f.bytes[7] == function &&
                 std::to_integer<unsigned>(f.bytes[8]) * 256U +
                         std::to_integer<unsigned>(f.bytes[9]) ==
                     address &&
                 std::to_integer<unsigned>(f.bytes[10]) * 256U +
                         std::to_integer<unsigned>(f.bytes[11]) ==
                     quantity;
        });
      };
      EXPECT_TRUE(reads(block.first, 1)) << map->id << " " << block.name;
      EXPECT_TRUE(reads(block.last, 1)) << map->id << " " << block.name;
      EXPECT_TRUE(reads(block.first, 125)) << map->id << " " << block.name;
      EXPECT_TRUE(reads(block.first, 126)) << map->id << " " << block.name;
      if (block.last < 0xFFFF) {
        EXPECT_TRUE(reads(block.last + 1U, 1)) << map->id;
      }
    }
  }
}

// A read sent one byte per segment ends the lead, and a model read drawn at a frame index that
// is a multiple of 64 goes so too: valid reads, each of one block's registers.
TEST(FrameGenerator, SendsReadsInPieces) {
  for (const auto* map : models::all_maps()) {
    const auto sent = frames(*map, 1, 10000);
    std::vector<std::uint64_t> at;
    for (const auto& frame : sent) {
      if (frame.kind != FrameKind::kSplitBytes) continue;
      at.push_back(frame.index);
      ASSERT_EQ(frame.bytes.size(), 12U) << map->id;
      const auto function = std::to_integer<unsigned>(frame.bytes[7]);
      EXPECT_TRUE(function == 0x03 || function == 0x04) << map->id;
      EXPECT_EQ(frame.bytes[5], std::byte{6}) << map->id;  // the length counts unit and PDU
    }
    ASSERT_GT(at.size(), 3U) << map->id;
    // Within the lead: up to 7 reads of each block, then the notable frames.
    EXPECT_LT(at.front(), map->blocks.size() * 7 + 32) << map->id;
    for (std::size_t i = 1; i < at.size(); ++i)
      EXPECT_EQ(at[i] % 64, 0U) << map->id;
  }
}

// The first model read from index 32 of every 128 goes with connections held, the first from
// index 96 drips: valid reads, each soon after its mark.
TEST(FrameGenerator, HoldsConnectionsAndDripsEvery128Frames) {
  for (const auto* map : models::all_maps()) {
    const auto sent = frames(*map, 1, 5000);
    for (const auto& [kind, mark] :
         {std::pair{FrameKind::kHeldConnections, 32U}, std::pair{FrameKind::kSlowDrip, 96U}}) {
      std::vector<std::uint64_t> at;
      for (const auto& frame : sent) {
        if (frame.kind != kind) continue;
        at.push_back(frame.index);
        ASSERT_EQ(frame.bytes.size(), 12U) << map->id;
        const auto function = std::to_integer<unsigned>(frame.bytes[7]);
        EXPECT_TRUE(function == 0x03 || function == 0x04) << map->id;
      }
      ASSERT_GT(at.size(), 20U) << map->id << " " << kind_name(kind);
      // Soon after the mark: the first model read drawn from it on (half the random phase is
      // the catalogue's).
      for (const std::uint64_t index : at) {
        EXPECT_LT((index + 128 - mark) % 128, 64U)
            << map->id << " " << kind_name(kind) << " at " << index;
      }
      if (map->id == "conext-bms") std::cout << kind_name(kind) << " first at " << at[0] << "\n";
    }
  }
}

TEST(FrameGenerator, EveryMutationKindAppears) {
  for (const auto* map : models::all_maps()) {
    std::set<FrameKind> seen;
    for (const auto& frame : frames(*map, 11, 5000))
      seen.insert(frame.kind);
    for (std::size_t i = 0; i < kFrameKindCount; ++i) {
      const auto kind = static_cast<FrameKind>(i);
      if (kind == FrameKind::kWrite || kind == FrameKind::kFeedbackMutation) {
        // Writes only with --allow-writes; mutations of the feedback pool only once outcomes
        // are reported (feedback_test.cpp).
        EXPECT_FALSE(seen.contains(kind)) << map->id;
      } else {
        EXPECT_TRUE(seen.contains(kind)) << map->id << " never sent " << kind_name(kind);
      }
    }
    // With --allow-writes, writes where the map has a setting the fuzzer may write (Enapter's
    // settings are configuration registers, left out: it needs --allow-actuation).
    std::set<FrameKind> with_writes;
    for (const auto& frame : frames(*map, 11, 3000, true))
      with_writes.insert(frame.kind);
    EXPECT_EQ(with_writes.contains(FrameKind::kWrite), map->id != "enapter-el21") << map->id;
    FrameGenerator actuating({map, map->first_unit, 11, true, true, false});
    bool wrote = false;
    for (int i = 0; i < 3000 && !wrote; ++i)
      wrote = actuating.next().kind == FrameKind::kWrite;
    EXPECT_TRUE(wrote) << map->id;
  }
}

// The planted faults of the end-to-end tests: seed 1 reaches PDUs starting 08 (diagnostics)
// and 2B 0D (a MEI type that is not 0E) within the first few hundred frames, on every map.
TEST(FrameGenerator, ReachesTheEndToEndTestShapesEarly) {
  for (const auto* map : models::all_maps()) {
    const auto first = frames(*map, 1, 300);
    const auto starts = [&](std::initializer_list<unsigned> shape) {
      return std::ranges::any_of(first, [&](const GeneratedFrame& f) {
        if (f.bytes.size() < 7 + shape.size()) return false;
        std::size_t at = 7;
        for (const unsigned byte : shape) {
          if (std::to_integer<unsigned>(f.bytes[at++]) != byte) return false;
        }
        return shape_of(f.bytes).whole_frames;
      });
    };
    EXPECT_TRUE(starts({0x08})) << map->id;
    EXPECT_TRUE(starts({0x2B, 0x0D})) << map->id;
  }
}

RC_GTEST_PROP(FrameGenerator, NeverSendsAValidWriteUnlessAllowed, (std::uint64_t seed)) {
  const auto maps = models::all_maps();
  const auto& map = *maps[seed % maps.size()];
  FrameGenerator generator({&map, map.first_unit, seed, false});
  for (int i = 0; i < 400; ++i) {
    const auto frame = generator.next();
    RC_ASSERT_FALSE(shape_of(frame.bytes).carries_valid_write);
  }
}

// Over long runs, with the feedback pool mutating (every answer a class of its own length),
// for many seeds and every map: without --allow-writes no frame decodes as a valid write, with
// it every valid write reaches only rows the policy allows, and none without
// --allow-destructive carries FC 08 0x0001/0x0004.
TEST(FrameGenerator, StaysSafeOverLongRunsWithFeedback) {
  for (const auto* map : models::all_maps()) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      const bool writes = seed % 2 == 0;
      FrameGenerator generator({map, map->first_unit, seed, writes, seed % 4 == 0, seed % 6 == 0});
      for (int i = 0; i < 6000; ++i) {
        const auto frame = generator.next();
        const auto shape = shape_of(frame.bytes);
        ASSERT_TRUE(generator.policy().permits(shape)) << map->id << " " << seed << " " << i;
        if (!writes) {
          ASSERT_FALSE(shape.carries_valid_write) << map->id << " " << seed << " " << i;
        }
        if (seed % 6 != 0) {
          ASSERT_FALSE(shape.destructive_diagnostic);
        }
        std::size_t registers = 0;
        for (const auto& write : shape.writes)
          registers += write.count;
        std::size_t allowed = 0;
        for (const auto* row : generator.policy().touched(shape))
          allowed += row->type.register_count();
        ASSERT_LE(registers, allowed) << map->id << " " << seed << " " << i;
        const auto length = static_cast<std::uint16_t>(
            frame.bytes.size() +
            (frame.bytes.size() > 7 ? std::to_integer<unsigned>(frame.bytes[7]) : 0U));
        generator.feedback(frame, {OutcomeEnd::kAnswered, 0, 0, length});
      }
    }
  }
}

TEST(FrameGenerator, SendsValidWritesOnlyWhenAllowed) {
  std::size_t writes = 0;
  for (const auto& frame : frames(bms(), 5, 3000, true))
    writes += shape_of(frame.bytes).carries_valid_write ? 1U : 0U;
  EXPECT_GT(writes, 0U);
}

TEST(FrameStream, SeesGluedWritesAndLeftovers) {
  const std::vector<std::byte> read{std::byte{0}, std::byte{1}, std::byte{0}, std::byte{0},
                                    std::byte{0}, std::byte{6}, std::byte{1}, std::byte{3},
                                    std::byte{0}, std::byte{0}, std::byte{0}, std::byte{1}};
  std::vector<std::byte> write = read;
  write[7] = std::byte{6};
  EXPECT_TRUE(shape_of(read).whole_frames);
  EXPECT_FALSE(shape_of(read).carries_valid_write);
  std::vector<std::byte> glued = read;
  glued.insert(glued.end(), write.begin(), write.end());
  EXPECT_EQ(shape_of(glued).frames, 2U);
  EXPECT_TRUE(shape_of(glued).carries_valid_write);
  std::vector<std::byte> trailing = read;
  trailing.push_back(std::byte{0});
  EXPECT_FALSE(shape_of(trailing).whole_frames);
  EXPECT_FALSE(shape_of(std::vector<std::byte>(read.begin(), read.begin() + 7)).whole_frames);
}

}  // namespace
}  // namespace mbh::netfuzz
