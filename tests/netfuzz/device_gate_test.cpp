#include "harness/netfuzz/device_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

// The gate of --connections: sends go in together; the one that takes the gate alone waits for
// every send inside to leave, holds the others out until it releases, and a taker whose epoch
// is past is refused.
namespace mbh::netfuzz {
namespace {

using namespace std::chrono_literals;

TEST(DeviceGate, TakingWaitsForEverySendInsideAndHoldsTheOthersOut) {
  DeviceGate gate;
  const auto epoch = gate.enter();  // this thread's send, still inside
  std::atomic<bool> taken{false};
  std::atomic<bool> released{false};
  std::thread taker([&] {
    const auto mine = gate.enter();
    gate.leave();
    EXPECT_TRUE(gate.take(mine));  // released below whatever it returned: no deadlock
    taken = true;
    std::this_thread::sleep_for(20ms);
    released = true;
    gate.release();
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(taken.load()) << "taken while a send was inside";
  gate.leave();
  // A send that comes now waits until the taker is done.
  const auto next = gate.enter();
  EXPECT_TRUE(taken.load());
  EXPECT_TRUE(released.load()) << "entered while the gate was held";
  EXPECT_EQ(next, epoch + 1);
  gate.leave();
  taker.join();
}

TEST(DeviceGate, ASecondTakerOfTheSameEpochIsRefusedAfterTheFirstReleases) {
  DeviceGate gate;
  const auto epoch = gate.epoch();
  ASSERT_TRUE(gate.take(epoch));
  std::atomic<int> refused{0};
  std::vector<std::thread> late;
  for (int i = 0; i < 3; ++i) {
    late.emplace_back([&] {
      if (!gate.take(epoch)) ++refused;
    });
  }
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(refused.load(), 0) << "refused before the first released";
  gate.release();
  for (auto& t : late)
    t.join();
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(gate.epoch(), epoch + 1);
  // The new epoch's taker gets it.
  EXPECT_TRUE(gate.take(epoch + 1));
  gate.release();
}

}  // namespace
}  // namespace mbh::netfuzz
