// The simulator's request path allocates nothing: answers are encoded straight into the
// Reply's buffer and the devices' state lives in storage made at construction. That holds for
// the built-in devices and for the generic device serving a map file. Counted with a replaced
// global operator new, so in a binary of its own (and not under ASan, which owns operator new
// there).
#include <gtest/gtest.h>

#include "tests/support/allocation_counter.hpp"

#include <array>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/simulator/simulator.hpp"
#include "models/map_catalog.hpp"
#include "models/map_file.hpp"
#include "models/map_json.hpp"

namespace mbh::simulator {
namespace {

enum class Answer : std::uint8_t { kAny, kNormal, kException };

struct Sent {
  std::uint8_t unit;
  std::vector<std::byte> pdu;
  Answer answer = Answer::kAny;  // checked once, before the counting starts
};

std::vector<std::byte> encoded(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> bytes{};
  const auto size = codec::encode_request(request, bytes).value();
  return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size)};
}

// Sends `requests` once to warm up (checking the answers asked for), then `rounds` times more;
// the heap allocations made in those rounds.
long allocations_per_rounds(Simulator& simulator, const std::vector<Sent>& requests, int rounds) {
  auto reply = std::make_unique<transport::Reply>();
  const auto send = [&](const Sent& sent) {
    const codec::MbapHeader header{1, 0, static_cast<std::uint16_t>(sent.pdu.size() + 1),
                                   sent.unit};
    *reply = transport::Reply{};
    simulator.handle(codec::Adu{header, sent.pdu}, *reply);
  };
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const Sent& sent = requests[i];
    send(sent);
    if (sent.answer == Answer::kAny) continue;
    SCOPED_TRACE("request " + std::to_string(i));
    EXPECT_EQ(reply->action, transport::Reply::Action::kSend);
    if (reply->size <= codec::kMbapSize) {
      ADD_FAILURE() << "no answer";
      continue;
    }
    const bool exception = (reply->bytes[codec::kMbapSize] & std::byte{0x80}) != std::byte{0};
    EXPECT_EQ(exception, sent.answer == Answer::kException);
  }
  const long before = mbh::testing::allocations();
  for (int round = 0; round < rounds; ++round) {
    for (const Sent& sent : requests)
      send(sent);
  }
  return mbh::testing::allocations() - before;
}

TEST(SimulatorAllocation, NoAllocationPerRequest) {
#ifdef MBH_ASAN
  GTEST_SKIP() << "ASan replaces operator new";
#endif
  Simulator simulator(SimulatorOptions{});
  // Reads, writes, refusals and silence on all three devices, the Enapter configuration
  // sequence included.
  const std::vector<Sent> requests{
      {230, encoded(codec::ReadHoldingRegistersRequest{40079, 37})},
      {230, encoded(codec::ReadHoldingRegistersRequest{40001, 1})},
      {230, encoded(codec::WriteSingleRegisterRequest{40089, 7})},
      {230, encoded(codec::WriteSingleRegisterRequest{40002, 7})},
      {230, {std::byte{0x01}, std::byte{0}, std::byte{0}, std::byte{0}, std::byte{8}}},
      {230, {std::byte{0x03}, std::byte{0x9C}, std::byte{0x40}, std::byte{0}, std::byte{0}}},
      {50, encoded(codec::ReadHoldingRegistersRequest{0x0040, 28})},
      {50, encoded(codec::WriteSingleRegisterRequest{0x004D, 1})},
      {50, encoded(codec::WriteSingleRegisterRequest{0x004D, 9})},
      {1, encoded(codec::ReadInputRegistersRequest{768, 64})},
      {1, encoded(codec::ReadInputRegistersRequest{7500, 22})},
      {1, encoded(codec::WriteSingleRegisterRequest{4000, 1})},
      {1, encoded(codec::WriteMultipleRegistersRequest{4310, {0x41C8, 0}})},
      {1, encoded(codec::WriteSingleRegisterRequest{4001, 1})},
      {7, encoded(codec::ReadHoldingRegistersRequest{0, 1})},
  };
  // 1500 requests: the event arrays change too.
  EXPECT_EQ(allocations_per_rounds(simulator, requests, 100), 0);
  // The counter counts.
  const long before = mbh::testing::allocations();
  const auto probe = std::make_unique<int>(1);
  EXPECT_GT(mbh::testing::allocations() - before, 0);
}

// A map file has no live model: the generic device serves it (valid values for its rows, and
// the configuration sequence where the map has one). Its request path allocates nothing either.
class MapFileAllocation : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef MBH_ASAN
    GTEST_SKIP() << "ASan replaces operator new";
#endif
  }

  static std::unique_ptr<const models::LoadedMap> energy_meter() {
    auto loaded = models::load_map_file(MBH_SOURCE_DIR "/models/map_files/energy-meter.json");
    if (!loaded) ADD_FAILURE() << loaded.error().text();
    return loaded ? std::move(loaded).value() : nullptr;
  }

  // A built-in map as its file, `simulation` removed: `maps ID --json` edited by hand.
  static std::unique_ptr<const models::LoadedMap> without_live_model(std::string_view id) {
    auto json = models::map_json(*models::find_map(id));
    json.erase("simulation");
    auto loaded = models::load_map_text(json.dump(2), "generic.json");
    if (!loaded) ADD_FAILURE() << loaded.error().text();
    return loaded ? std::move(loaded).value() : nullptr;
  }
};

TEST_F(MapFileAllocation, EnergyMeterNoAllocationPerRequest) {
  const auto meter = energy_meter();
  ASSERT_NE(meter, nullptr);
  const models::RegisterMap& map = meter->map();
  ASSERT_TRUE(map.simulation.empty()) << "served by the generic device";
  Simulator simulator(SimulatorOptions{{DeviceSpec{&map, map.first_unit}}, {}, 3});
  const std::uint8_t u = map.first_unit;
  const std::vector<Sent> requests{
      // Each input block, and the holding registers.
      {u, encoded(codec::ReadInputRegistersRequest{0, 14}), Answer::kNormal},
      {u, encoded(codec::ReadInputRegistersRequest{70, 2}), Answer::kNormal},
      {u, encoded(codec::ReadInputRegistersRequest{72, 6}), Answer::kNormal},
      {u, encoded(codec::ReadInputRegistersRequest{252, 8}), Answer::kNormal},
      {u, encoded(codec::ReadHoldingRegistersRequest{10, 1}), Answer::kNormal},
      {u, encoded(codec::ReadHoldingRegistersRequest{12, 2}), Answer::kNormal},
      {u, encoded(codec::ReadHoldingRegistersRequest{20, 1}), Answer::kNormal},
      {u, encoded(codec::ReadHoldingRegistersRequest{100, 1}), Answer::kNormal},
      // The settings written (System type, Pulse width 25.0 ms), the reset command.
      {u, encoded(codec::WriteSingleRegisterRequest{10, 3}), Answer::kNormal},
      {u, encoded(codec::WriteMultipleRegistersRequest{12, {0x41C8, 0}}), Answer::kNormal},
      {u, encoded(codec::WriteSingleRegisterRequest{100, 3}), Answer::kNormal},
      // Refused writes: a read-only register, half a float32, no holding register there.
      {u, encoded(codec::WriteSingleRegisterRequest{20, 5}), Answer::kException},
      {u, encoded(codec::WriteSingleRegisterRequest{13, 0}), Answer::kException},
      {u, encoded(codec::WriteSingleRegisterRequest{0, 1}), Answer::kException},
      // Exceptions: a gap, half a float32 read, across two blocks, a function the map has not,
      // quantity 0.
      {u, encoded(codec::ReadInputRegistersRequest{14, 2}), Answer::kException},
      {u, encoded(codec::ReadInputRegistersRequest{1, 2}), Answer::kException},
      {u, encoded(codec::ReadInputRegistersRequest{70, 8}), Answer::kException},
      {u,
       {std::byte{0x01}, std::byte{0}, std::byte{0}, std::byte{0}, std::byte{8}},
       Answer::kException},
      {u,
       {std::byte{0x04}, std::byte{0}, std::byte{0}, std::byte{0}, std::byte{0}},
       Answer::kException},
      // A unit id nobody serves.
      {7, encoded(codec::ReadInputRegistersRequest{0, 2}), Answer::kException},
  };
  EXPECT_EQ(allocations_per_rounds(simulator, requests, 100), 0);
}

TEST_F(MapFileAllocation, EnapterWithoutLiveModelNoAllocationPerRequest) {
  const auto enapter = without_live_model("enapter-el21");
  ASSERT_NE(enapter, nullptr);
  const models::RegisterMap& map = enapter->map();
  ASSERT_TRUE(map.simulation.empty());
  ASSERT_TRUE(map.configuration) << "the generic device runs its configuration sequence";
  Simulator simulator(SimulatorOptions{{DeviceSpec{&map, map.first_unit}}, {}, 3});
  const std::uint8_t u = map.first_unit;
  const std::vector<Sent> requests{
      {u, encoded(codec::ReadInputRegistersRequest{768, 64}), Answer::kNormal},
      {u, encoded(codec::ReadInputRegistersRequest{7500, 22}), Answer::kNormal},
      {u, encoded(codec::ReadHoldingRegistersRequest{4308, 4}), Answer::kNormal},
      // The configuration sequence: Begin, a staged write, Commit; Begin, a staged write,
      // Rollback; a configuration register written outside a sequence; the status read.
      {u, encoded(codec::WriteSingleRegisterRequest{4000, 1}), Answer::kNormal},
      {u, encoded(codec::WriteMultipleRegistersRequest{4310, {0x41C8, 0}}), Answer::kNormal},
      {u, encoded(codec::WriteSingleRegisterRequest{4001, 1}), Answer::kNormal},
      {u, encoded(codec::ReadInputRegistersRequest{4000, 5}), Answer::kNormal},
      {u, encoded(codec::WriteSingleRegisterRequest{4000, 1}), Answer::kNormal},
      {u, encoded(codec::WriteMultipleRegistersRequest{4308, {0x4220, 0}}), Answer::kNormal},
      {u, encoded(codec::WriteSingleRegisterRequest{4001, 0}), Answer::kNormal},
      {u, encoded(codec::WriteMultipleRegistersRequest{4310, {0x41A0, 0}}), Answer::kNormal},
      {u, encoded(codec::ReadInputRegistersRequest{4000, 5}), Answer::kNormal},
      // A write outside the configuration registers, a refused write, an exception.
      {u, encoded(codec::WriteSingleRegisterRequest{1000, 1}), Answer::kNormal},
      {u, encoded(codec::WriteSingleRegisterRequest{4311, 0}), Answer::kException},
      {u, encoded(codec::ReadHoldingRegistersRequest{2000, 1}), Answer::kException},
  };
  EXPECT_EQ(allocations_per_rounds(simulator, requests, 100), 0);
}

}  // namespace
}  // namespace mbh::simulator
