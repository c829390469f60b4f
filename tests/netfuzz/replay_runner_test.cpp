#include "harness/netfuzz/replay_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "harness/netfuzz/frame_generator.hpp"
#include "models/map_catalog.hpp"
#include "tests/support/loopback_simulator.hpp"

// Replay keeps the time between frames as the run had it (a device's state may hang on it),
// waits no longer than kMaxReplayGap, and stops waiting when interrupted.
namespace mbh::netfuzz {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const models::RegisterMap& bms() {
  return *models::find_map("conext-bms");
}

// A valid read, at `at_ms` after the run's first frame.
SentFrame read_at(std::uint64_t at_ms, std::uint16_t id) {
  const auto pdu = probe_pdu(bms());
  SentFrame frame;
  frame.bytes = {std::byte{static_cast<unsigned char>(id >> 8U)},
                 std::byte{static_cast<unsigned char>(id)},
                 std::byte{0},
                 std::byte{0},
                 std::byte{0},
                 std::byte{static_cast<unsigned char>(pdu.size() + 1)},
                 std::byte{bms().first_unit}};
  frame.bytes.insert(frame.bytes.end(), pdu.begin(), pdu.end());
  frame.at_ms = at_ms;
  return frame;
}

Finding two_reads(std::uint64_t second_at_ms) {
  Finding finding;
  finding.kind = Verdict::kCrash;
  finding.map = "conext-bms";
  finding.unit = bms().first_unit;
  finding.frames = {read_at(0, 1), read_at(second_at_ms, 2)};
  return finding;
}

TEST(Replay, SendsTheFramesAsFarApartAsTheyWent) {
  const testing::LoopbackSimulator device;
  const auto started = Clock::now();
  const auto outcome =
      replay_finding(two_reads(400), bms(), {"127.0.0.1", device.port()}, 2000ms, nullptr);
  const auto took = Clock::now() - started;
  EXPECT_EQ(outcome.verdict, Verdict::kNone) << outcome.observed;
  EXPECT_EQ(outcome.frames_sent, 2U);
  EXPECT_GE(took, 400ms);
}

TEST(Replay, AnInterruptEndsTheWaitBetweenFrames) {
  const testing::LoopbackSimulator device;
  std::atomic<bool> interrupt{false};
  std::thread raiser([&interrupt] {
    std::this_thread::sleep_for(200ms);
    interrupt = true;
  });
  const auto started = Clock::now();
  // An hour between the frames: capped at kMaxReplayGap, and cut short by the interrupt.
  const auto outcome =
      replay_finding(two_reads(3'600'000), bms(), {"127.0.0.1", device.port()}, 2000ms, &interrupt);
  const auto took = Clock::now() - started;
  raiser.join();
  EXPECT_TRUE(outcome.interrupted);
  EXPECT_EQ(outcome.frames_sent, 1U);
  EXPECT_LT(took, kMaxReplayGap);
}

}  // namespace
}  // namespace mbh::netfuzz
