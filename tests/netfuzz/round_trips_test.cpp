#include "harness/netfuzz/round_trips.hpp"

#include <gtest/gtest.h>

namespace mbh::netfuzz {
namespace {

using namespace std::chrono_literals;

TEST(RoundTrips, WaitsTheWholeLimitUntilEnoughWereMeasured) {
  RoundTrips trips;
  EXPECT_EQ(trips.wait(1000ms), 1000ms);
  for (std::size_t i = 0; i + 1 < RoundTrips::kMinSamples; ++i)
    trips.add(200us);
  EXPECT_EQ(trips.wait(1000ms), 1000ms);
  EXPECT_FALSE(trips.slow(10s));
  trips.add(200us);
  EXPECT_EQ(trips.wait(1000ms), RoundTrips::kMinWait);  // 8 x 0.2 ms is under the floor
}

TEST(RoundTrips, WaitsAMultipleOfTheP99AndNeverPastTheLimit) {
  RoundTrips trips;
  for (int i = 0; i < 100; ++i)
    trips.add(i < 98 ? 5ms : 20ms);  // p99: 20 ms
  EXPECT_EQ(trips.percentile(99), 20ms);
  EXPECT_EQ(trips.percentile(50), 5ms);
  EXPECT_EQ(trips.wait(1000ms), 160ms);
  EXPECT_EQ(trips.wait(100ms), 100ms);
  EXPECT_EQ(trips.short_wait(25ms), 25ms);
  EXPECT_EQ(trips.short_wait(100ms), 40ms);
}

TEST(RoundTrips, AnAnswerFarOverTheUsualIsSlow) {
  RoundTrips trips;
  for (int i = 0; i < 64; ++i)
    trips.add(1ms);
  EXPECT_FALSE(trips.slow(50ms));  // 50 x the p99, but under the absolute floor
  EXPECT_TRUE(trips.slow(RoundTrips::kMinSlow + 1ms));
  RoundTrips slow_device;
  for (int i = 0; i < 64; ++i)
    slow_device.add(40ms);
  EXPECT_FALSE(slow_device.slow(300ms));
  EXPECT_TRUE(slow_device.slow(401ms));
}

TEST(RoundTrips, TheWindowForgetsOldRoundTrips) {
  RoundTrips trips;
  for (std::size_t i = 0; i < RoundTrips::kWindow; ++i)
    trips.add(500ms);
  for (std::size_t i = 0; i < RoundTrips::kWindow; ++i)
    trips.add(1ms);
  EXPECT_EQ(trips.percentile(100), 1ms);
  EXPECT_EQ(trips.wait(1000ms), RoundTrips::kMinWait);
  EXPECT_EQ(trips.count(), 2 * RoundTrips::kWindow);
}

}  // namespace
}  // namespace mbh::netfuzz
