#include "harness/client/request_pacer.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <limits>

#include "harness/client/receive_buffer.hpp"
#include "harness/client/timed_out_ids.hpp"

namespace mbh::client {
namespace {

using namespace std::chrono_literals;
using Clock = RequestPacer::Clock;

TEST(RequestPacer, DoesNotLimitWithoutARate) {
  for (const double rate : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::infinity()}) {
    RequestPacer pacer(rate);
    EXPECT_FALSE(pacer.limited()) << rate;
    const auto now = Clock::now();
    EXPECT_EQ(pacer.reserve(now), now);
    EXPECT_EQ(pacer.reserve(now), now);
  }
}

TEST(RequestPacer, SpacesStartsOneIntervalApart) {
  RequestPacer pacer(4);  // 250 ms
  EXPECT_EQ(pacer.interval(), 250ms);
  const auto now = Clock::now();
  EXPECT_EQ(pacer.reserve(now), now);
  EXPECT_EQ(pacer.reserve(now), now + 250ms);
  EXPECT_EQ(pacer.reserve(now + 100ms), now + 500ms);
}

TEST(RequestPacer, DoesNotBurstAfterIdleTime) {
  RequestPacer pacer(10);
  const auto now = Clock::now();
  (void)pacer.reserve(now);
  const auto later = now + 10s;
  EXPECT_EQ(pacer.reserve(later), later);
  EXPECT_EQ(pacer.reserve(later), later + 100ms);
}

TEST(RequestPacer, CapsTheIntervalAtADay) {
  RequestPacer pacer(1e-300);
  EXPECT_EQ(pacer.interval(), std::chrono::hours(24));
}

RC_GTEST_PROP(RequestPacer, KeepsEveryStartAnIntervalAfterThePrevious, ()) {
  const double rate = *rc::gen::inRange(1, 100000) / 10.0;
  const auto arrivals = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 1000000));
  RequestPacer pacer(rate);
  auto now = Clock::time_point{} + 1h;
  std::optional<Clock::time_point> previous;
  for (const int gap_us : arrivals) {
    now += std::chrono::microseconds(gap_us);
    const auto start = pacer.reserve(now);
    RC_ASSERT(start >= now);
    if (previous) RC_ASSERT(start - *previous >= pacer.interval());
    previous = start;
  }
}

TEST(TimedOutIds, RemembersTheLast64) {
  TimedOutIds ids;
  for (std::uint16_t id = 0; id < 100; ++id)
    ids.remember(id);
  EXPECT_EQ(ids.size(), TimedOutIds::kCapacity);
  EXPECT_FALSE(ids.contains(35));
  EXPECT_TRUE(ids.contains(36));
  EXPECT_TRUE(ids.contains(99));
}

TEST(TimedOutIds, ForgetsAnIdSentAgain) {
  TimedOutIds ids;
  ids.remember(7);
  ids.remember(8);
  ids.remember(7);  // once only
  EXPECT_EQ(ids.size(), 2U);
  ids.forget(7);
  EXPECT_FALSE(ids.contains(7));
  EXPECT_TRUE(ids.contains(8));
  ids.forget(1000);  // not held: nothing happens
  EXPECT_EQ(ids.size(), 1U);
  ids.clear();
  EXPECT_FALSE(ids.contains(8));
}

RC_GTEST_PROP(TimedOutIds, HoldsExactlyTheNewestDistinctIds, ()) {
  const auto sequence =
      *rc::gen::container<std::vector<std::uint16_t>>(rc::gen::inRange<std::uint16_t>(0, 200));
  TimedOutIds ids;
  std::vector<std::uint16_t> model;  // oldest first, distinct
  for (const auto id : sequence) {
    ids.remember(id);
    std::erase(model, id);
    model.push_back(id);
    if (model.size() > TimedOutIds::kCapacity) model.erase(model.begin());
  }
  RC_ASSERT(std::vector<std::uint16_t>(ids.held().begin(), ids.held().end()) == model);
}

TEST(ReceiveBuffer, KeepsUnreadBytesAcrossCompaction) {
  ReceiveBuffer buffer;
  auto room = buffer.writable();
  ASSERT_EQ(room.size(), ReceiveBuffer::kCapacity);
  for (std::size_t i = 0; i < 10; ++i)
    room[i] = static_cast<std::byte>(i);
  buffer.commit(10);
  buffer.consume(4);
  EXPECT_EQ(buffer.size(), 6U);
  EXPECT_EQ(buffer.unread()[0], std::byte{4});
  room = buffer.writable();  // moves the 6 bytes to the front
  EXPECT_EQ(room.size(), ReceiveBuffer::kCapacity - 6);
  EXPECT_EQ(buffer.unread()[0], std::byte{4});
  EXPECT_EQ(buffer.unread()[5], std::byte{9});
  buffer.commit(ReceiveBuffer::kCapacity * 2);  // never past the end
  EXPECT_EQ(buffer.size(), ReceiveBuffer::kCapacity);
  EXPECT_TRUE(buffer.writable().empty());
  buffer.consume(ReceiveBuffer::kCapacity + 5);
  EXPECT_TRUE(buffer.empty());
}

}  // namespace
}  // namespace mbh::client
