#include "harness/netfuzz/verdict.hpp"

#include <gtest/gtest.h>

namespace mbh::netfuzz {
namespace {

using O = Observed;
using V = Verdict;

struct Row {
  O sent;
  std::optional<O> probe;
  V verdict;
};

// INTERFACE.md: a crash is a refused or reset connection and no answer to a valid read
// afterwards; a hang is no answer within the timeout and none to a valid read afterwards.
constexpr Row kTable[] = {
    {O::kAnswered, std::nullopt, V::kNone},
    {O::kAnswered, O::kRefused, V::kNone},  // no probe is due after an answer
    {O::kUnframable, O::kNoAnswer, V::kNone},
    {O::kClosed, O::kAnswered, V::kNone},  // closing on garbage is correct behaviour
    {O::kClosed, O::kUnframable, V::kNone},
    {O::kClosed, O::kRefused, V::kCrash},
    {O::kClosed, O::kClosed, V::kCrash},
    {O::kClosed, O::kNoAnswer, V::kCrash},
    {O::kRefused, O::kRefused, V::kCrash},
    {O::kRefused, O::kAnswered, V::kNone},
    {O::kNoAnswer, O::kAnswered, V::kNone},  // waited for bytes that never came: fine
    {O::kNoAnswer, O::kNoAnswer, V::kHang},
    {O::kNoAnswer, O::kRefused, V::kHang},
    {O::kNoAnswer, O::kClosed, V::kHang},
    {O::kNoAnswer, std::nullopt, V::kNone},
    {O::kNoAnswer, O::kInterrupted, V::kNone},
    {O::kInterrupted, O::kRefused, V::kNone},
};

TEST(Verdict, FollowsTheInterfaceDefinitions) {
  for (const auto& row : kTable) {
    EXPECT_EQ(judge(row.sent, row.probe), row.verdict)
        << describe(row.sent) << " / " << (row.probe ? describe(*row.probe) : "no probe");
  }
}

TEST(Verdict, OnlyAMissingAnswerCallsForAProbe) {
  EXPECT_FALSE(needs_probe(O::kAnswered));
  EXPECT_FALSE(needs_probe(O::kUnframable));
  EXPECT_FALSE(needs_probe(O::kInterrupted));
  EXPECT_TRUE(needs_probe(O::kNoAnswer));
  EXPECT_TRUE(needs_probe(O::kClosed));
  EXPECT_TRUE(needs_probe(O::kRefused));
}

TEST(Verdict, EveryNameAndDescriptionIsSet) {
  for (const V v : {V::kNone, V::kCrash, V::kHang})
    EXPECT_FALSE(verdict_name(v).empty());
  for (const O o :
       {O::kAnswered, O::kNoAnswer, O::kClosed, O::kRefused, O::kUnframable, O::kInterrupted})
    EXPECT_FALSE(describe(o).empty());
}

}  // namespace
}  // namespace mbh::netfuzz
