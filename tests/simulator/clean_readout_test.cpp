// The values a clean device holds pass the value rules (R-ENUM, R-BITS, R-EVENTS, R-IDENTITY,
// R-RANGE) in every block, at start and as its live values move on, whatever the seed and
// whatever valid settings it is given; the BMS's SunSpec model structure holds.
#include "harness/simulator/simulator.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "harness/codec/values/value_decoders.hpp"
#include "harness/codec/values/value_encoders.hpp"
#include "models/map_catalog.hpp"
#include "models/readout.hpp"
#include "simulator_exchange.hpp"

namespace mbh::simulator::testing {
namespace {

using codec::ReadHoldingRegistersRequest;
using codec::ReadInputRegistersRequest;
using models::Space;

std::vector<std::uint16_t> read_block(Simulator& simulator, const models::RegisterMap& map,
                                      const models::Block& block) {
  const auto quantity = static_cast<std::uint16_t>(block.last - block.first + 1);
  const codec::Request read =
      block.space == Space::kInput
          ? codec::Request{ReadInputRegistersRequest{block.first, quantity}}
          : codec::Request{ReadHoldingRegistersRequest{block.first, quantity}};
  const auto registers = registers_of(exchange(simulator, map.first_unit, read));
  return registers.value_or(std::vector<std::uint16_t>{});
}

// Every issue the value rules find in any block of any device, as readable lines.
std::vector<std::string> issues_in(Simulator& simulator) {
  std::vector<std::string> issues;
  for (const DeviceSpec& device : simulator.devices()) {
    const models::RegisterMap& map = *device.map;
    std::vector<std::uint16_t> holding;
    for (const models::Block& block : map.blocks) {
      const auto registers = read_block(simulator, map, block);
      if (registers.size() != std::size_t{block.last} - block.first + 1U) {
        issues.push_back(std::string(map.id) + ": block '" + std::string(block.name) +
                         "' could not be read");
        continue;
      }
      if (block.space == Space::kHolding)
        holding.insert(holding.end(), registers.begin(), registers.end());
      for (const auto& entry : models::read_out(map, block.space, block.first, registers)) {
        for (const auto& issue : entry.issues) {
          issues.push_back(std::string(map.id) + ": " + issue.message + " (" + entry.text + ")");
        }
      }
    }
    if (map.id == "conext-bms") {
      for (const auto& issue : models::check_model_structure(map, map.blocks[0].first, holding)) {
        issues.push_back(std::string(map.id) + ": " + issue.message);
      }
    }
  }
  return issues;
}

// A device lives a second per request sent to it: a read of holding register 0 (an exception
// on the Conext maps) moves every device on by `seconds`.
void let_time_pass(Simulator& simulator, int seconds) {
  const std::vector<std::byte> read{std::byte{0x03}, std::byte{0}, std::byte{0}, std::byte{0},
                                    std::byte{1}};
  for (int i = 0; i < seconds; ++i) {
    for (const DeviceSpec& device : simulator.devices())
      exchange(simulator, device.unit, read);
  }
}

TEST(CleanReadout, EveryBlockOfEveryDeviceIsValidAtStart) {
  Simulator simulator(SimulatorOptions{});
  EXPECT_EQ(issues_in(simulator), std::vector<std::string>{});
}

TEST(CleanReadout, TheBmsHoldsTheSunSpecMarkersAndLengths) {
  Simulator simulator(SimulatorOptions{});
  auto read = [&](std::uint16_t address, std::uint16_t quantity) {
    return registers_of(exchange(simulator, 230, ReadHoldingRegistersRequest{address, quantity}))
        .value_or(std::vector<std::uint16_t>{});
  };
  EXPECT_EQ(read(40000, 2), (std::vector<std::uint16_t>{0x5375, 0x6E53}));  // "SunS"
  EXPECT_EQ(read(40002, 2), (std::vector<std::uint16_t>{1, 66}));
  EXPECT_EQ(read(40070, 2), (std::vector<std::uint16_t>{802, 62}));
  EXPECT_EQ(read(40134, 2), (std::vector<std::uint16_t>{64900, 4}));
  EXPECT_EQ(read(40140, 2), (std::vector<std::uint16_t>{0xFFFF, 0}));
  // The whole model structure is the readout's to judge: EveryBlockOfEveryDeviceIsValidAtStart.
}

TEST(CleanReadout, LiveValuesMoveOn) {
  Simulator simulator(SimulatorOptions{});
  auto heartbeat = [&] {
    return registers_of(exchange(simulator, 230, ReadHoldingRegistersRequest{40088, 1}))->at(0);
  };
  auto uptime = [&] {
    const auto words = registers_of(exchange(simulator, 1, ReadInputRegistersRequest{22, 2}));
    return std::uint32_t{words->at(0)} << 16 | words->at(1);
  };
  const auto beat = heartbeat();
  EXPECT_EQ(heartbeat(), static_cast<std::uint16_t>(beat + 1));  // a tick per request to it
  const auto beat_now = heartbeat();
  exchange(simulator, 1, ReadInputRegistersRequest{22, 2});  // to another device
  EXPECT_EQ(heartbeat(), static_cast<std::uint16_t>(beat_now + 1));
  const auto up = uptime();
  let_time_pass(simulator, 10);
  EXPECT_EQ(uptime(), up + 11);
  const auto model = registers_of(exchange(simulator, 1, ReadInputRegistersRequest{0, 2}));
  EXPECT_EQ(*model, (std::vector<std::uint16_t>{0x454C, 0x3231}));
}

TEST(CleanReadout, TheH2FlowRateIsNanOnlyWhileNotProducing) {
  Simulator simulator(SimulatorOptions{});
  auto flow = [&] {
    const auto words = registers_of(exchange(simulator, 1, ReadInputRegistersRequest{1008, 2}));
    return codec::decode_float32(*words).value();
  };
  EXPECT_TRUE(std::isfinite(flow()));                                  // starts producing
  exchange(simulator, 1, codec::WriteSingleRegisterRequest{1000, 0});  // Stop
  EXPECT_TRUE(std::isnan(flow()));
  EXPECT_EQ(issues_in(simulator), std::vector<std::string>{});
  exchange(simulator, 1, codec::WriteSingleRegisterRequest{1000, 1});  // Start
  EXPECT_TRUE(std::isfinite(flow()));
  exchange(simulator, 1, codec::WriteSingleRegisterRequest{6, 1});  // Maintenance Mode
  EXPECT_TRUE(std::isnan(flow()));
  const auto state = registers_of(exchange(simulator, 1, ReadInputRegistersRequest{18, 1}));
  EXPECT_EQ(state->at(0), 2);  // System in Maintenance Mode
}

// A setting a user may give a device: (unit, holding address, words).
struct Setting {
  std::uint8_t unit;
  std::uint16_t address;
  std::vector<std::uint16_t> words;
};

std::ostream& operator<<(std::ostream& out, const Setting& s) {
  out << "unit " << int{s.unit} << " holding " << s.address << " <-";
  for (auto w : s.words)
    out << " " << w;
  return out;
}

rc::Gen<Setting> setting_gen() {
  using rc::gen::element;
  using rc::gen::inRange;
  auto float_words = [](int percent) {
    const auto words = codec::encode_float32(static_cast<float>(percent));
    return std::vector<std::uint16_t>(words.span().begin(), words.span().end());
  };
  return rc::gen::oneOf(
      // AGS Operating Mode, Generator Mode, the SOC start/stop levels and their enables
      rc::gen::map(element<std::uint16_t>(2, 3),
                   [](std::uint16_t v) {
                     return Setting{50, 0x004C, {v}};
                   }),
      rc::gen::map(inRange<std::uint16_t>(0, 4),
                   [](std::uint16_t v) {
                     return Setting{50, 0x004D, {v}};
                   }),
      rc::gen::map(inRange<std::uint16_t>(0, 101),
                   [](std::uint16_t v) {
                     return Setting{50, 0x0087, {v}};
                   }),
      rc::gen::map(inRange<std::uint16_t>(0, 101),
                   [](std::uint16_t v) {
                     return Setting{50, 0x0088, {v}};
                   }),
      rc::gen::map(inRange<std::uint16_t>(0, 2),
                   [](std::uint16_t v) {
                     return Setting{50, 0x0055, {v}};
                   }),
      rc::gen::map(element<std::uint16_t>(1, 2, 8, 255),
                   [](std::uint16_t v) {
                     return Setting{50, 0x004F, {v}};
                   }),
      rc::gen::map(element<std::uint16_t>(0, 1),
                   [](std::uint16_t v) {
                     return Setting{50, 0x0082, {v}};
                   }),
      // Enapter Start/Stop, Maintenance Mode, Production Rate, Reboot
      rc::gen::map(inRange<std::uint16_t>(0, 2),
                   [](std::uint16_t v) {
                     return Setting{1, 1000, {v}};
                   }),
      rc::gen::map(inRange<std::uint16_t>(0, 2),
                   [](std::uint16_t v) {
                     return Setting{1, 6, {v}};
                   }),
      rc::gen::map(inRange(0, 101),
                   [float_words](int v) {
                     return Setting{1, 1002, float_words(v)};
                   }),
      rc::gen::map(inRange<std::uint16_t>(0, 2), [](std::uint16_t v) {
        return Setting{1, 4, {v}};
      }));
}

RC_GTEST_PROP(CleanReadout, ValuesStayValidAsTimePassesUnderAnySettings, ()) {
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  const auto count = *rc::gen::inRange<std::size_t>(0, 8);
  const auto steps = *rc::gen::container<std::vector<std::pair<Setting, int>>>(
      count, rc::gen::pair(setting_gen(), rc::gen::inRange(0, 300)));
  Simulator simulator(SimulatorOptions{{}, {}, seed});
  for (const auto& [setting, seconds] : steps) {
    codec::WriteMultipleRegistersRequest write{setting.address, {}};
    write.values.assign(setting.words.begin(), setting.words.end());
    const auto answer = exchange(simulator, setting.unit, write);
    RC_ASSERT(answer.response.has_value());
    RC_ASSERT(!std::holds_alternative<codec::ExceptionResponse>(*answer.response));
    let_time_pass(simulator, seconds);
  }
  RC_ASSERT(issues_in(simulator) == std::vector<std::string>{});
}

}  // namespace
}  // namespace mbh::simulator::testing
