#include "harness/netfuzz/pairwise.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <random>
#include <set>
#include <tuple>

#include "harness/netfuzz/frame_mutator.hpp"
#include "harness/netfuzz/lenient_reach.hpp"
#include "harness/netfuzz/pairwise_frames.hpp"
#include "models/map_catalog.hpp"

namespace mbh::netfuzz {
namespace {

bool covers_every_pair(std::span<const std::size_t> levels, const std::vector<CoveringRow>& rows) {
  for (std::size_t p = 0; p < levels.size(); ++p) {
    for (std::size_t q = p + 1; q < levels.size(); ++q) {
      std::set<std::pair<unsigned, unsigned>> pairs;
      for (const auto& row : rows) {
        if (row[p] >= levels[p] || row[q] >= levels[q]) return false;
        pairs.insert({row[p], row[q]});
      }
      if (pairs.size() != levels[p] * levels[q]) return false;
    }
  }
  return true;
}

TEST(Pairwise, TheGeneratorsArrayCoversEveryPairInFewRows) {
  const auto levels = pairwise_levels();
  const auto rows = covering_array(levels);
  EXPECT_TRUE(covers_every_pair(levels, rows));
  EXPECT_LT(rows.size(), 10U * 10U * 6U * 5U / 10U);  // far fewer than all 3000 combinations
  EXPECT_EQ(rows, covering_array(levels));            // deterministic
}

RC_GTEST_PROP(Pairwise, AnyLevelsAreCovered, ()) {
  const auto levels = *rc::gen::container<std::vector<std::size_t>>(
      *rc::gen::inRange<std::size_t>(0, 6), rc::gen::inRange<std::size_t>(1, 7));
  RC_ASSERT(covers_every_pair(levels, covering_array(levels)));
}

// Every row of the array gives a frame on the maps, or is passed over only where no block
// lets it go; every function of the array is sent.
TEST(Pairwise, RowsBecomeFramesOfEveryFunction) {
  for (const auto* map : models::all_maps()) {
    const WritePolicy policy(*map, map->first_unit, {});
    const SendContext context{map, &policy, map->first_unit};
    std::set<unsigned> functions;
    for (const auto& row : covering_array(pairwise_levels())) {
      if (auto frame = pairwise_frame(context, row, 0)) {
        EXPECT_EQ(frame->kind, FrameKind::kPairwise);
        EXPECT_TRUE(safe_to_send(context, frame->pdu));
        functions.insert(std::to_integer<unsigned>(frame->pdu[0]));
      }
    }
    EXPECT_EQ(functions.size(), kPairwiseFunctions.size()) << map->id;
  }
}

TEST(LenientReach, CountsTheLargerOfQuantityAndValuesAndWraps) {
  const Pdu fc16 = write_multiple(kWriteRegisters, 0xFFFF, 2, 4, Pdu(4));
  ASSERT_TRUE(lenient_reach(fc16));
  EXPECT_EQ(lenient_reach(fc16)->first, 0xFFFF);
  EXPECT_EQ(lenient_reach(fc16)->count, 2U);
  // Enapter's Unix Time is holding 0: a write wrapping past 65535 reaches it.
  EXPECT_FALSE(misses_writable_registers(*models::find_map("enapter-el21"), fc16));
  EXPECT_TRUE(misses_writable_registers(*models::find_map("conext-bms"), fc16));
  EXPECT_EQ(lenient_reach(write_multiple(kWriteRegisters, 10, 0xFFFF, 2, Pdu(2)))->count, 123U);
  EXPECT_EQ(lenient_reach(read_write({0, 1, 7, 0, 0}, Pdu(6)))->count, 3U);
  EXPECT_FALSE(lenient_reach(read_request(kReadHolding, 0, 1)));
}

RC_GTEST_PROP(FrameMutator, StaysWithinAnAduAndIsDeterministic, (std::uint64_t seed)) {
  const auto bytes = [] {
    const auto raw = *rc::gen::arbitrary<std::vector<std::uint8_t>>();
    Pdu out;
    for (const auto value : raw)
      out.push_back(static_cast<std::byte>(value));
    return out;
  };
  const Pdu pdu = bytes();
  const Pdu donor = bytes();
  std::mt19937_64 a(seed), b(seed);
  const auto first = mutate_pdu(pdu, donor, a);
  RC_ASSERT(!first.empty());
  RC_ASSERT(first.size() <= 260U);
  RC_ASSERT(first == mutate_pdu(pdu, donor, b));
}

}  // namespace
}  // namespace mbh::netfuzz
