// Maps from files, end to end in process: each built-in map written as JSON and loaded back runs
// exactly the checks the built-in map runs, in the same order, with the same results, whether
// the simulator serves the built-in map or the loaded one; a map written by hand for a device
// unlike the three (models/map_files/energy-meter.json) is served by the simulator, passes
// `conform` clean, and fails the right rule under every fault that applies to it, while the
// simulator refuses the faults that would change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "conformance/conform_run.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/codec/values/value_decoders.hpp"
#include "harness/simulator/device.hpp"
#include "harness/simulator/fault_catalogue.hpp"
#include "models/map_catalog.hpp"
#include "models/map_file.hpp"
#include "models/map_json.hpp"
#include "tests/support/loopback_simulator.hpp"

namespace mbh::conformance {
namespace {

using models::Status;

RunReport conform(std::uint16_t port, const models::RegisterMap& map, std::uint64_t seed = 5) {
  client::ClientOptions client_options;
  client_options.connect_timeout = std::chrono::milliseconds(300);
  client_options.response_timeout = std::chrono::milliseconds(300);
  client::ModbusClient client(client::TargetAddress{"127.0.0.1", port}, client_options);
  ClientChannel channel(client);
  ConformOptions options;
  options.map = &map;
  options.unit = models::default_unit(map);
  options.seed = seed;
  options.target = "127.0.0.1:" + std::to_string(port);
  return run_conformance(channel, options, nullptr);
}

// Each check as a line: id, rule and status, in run order (messages quote live values).
std::vector<std::string> checks_of(const RunReport& report) {
  std::vector<std::string> lines;
  for (const CheckRecord& c : report.checks) {
    lines.push_back(c.id + " " + std::string(models::rule_name(c.rule)) + " " +
                    std::string(models::status_name(c.status)));
  }
  return lines;
}

// The first line where two runs differ, or "" where they agree.
std::string first_difference(const std::vector<std::string>& got,
                             const std::vector<std::string>& expected) {
  for (std::size_t i = 0; i < std::max(got.size(), expected.size()); ++i) {
    const std::string a = i < got.size() ? got[i] : "(none)";
    const std::string b = i < expected.size() ? expected[i] : "(none)";
    if (a != b) return "check " + std::to_string(i + 1) + ": got " + a + ", expected " + b;
  }
  return "";
}

std::string failures(const RunReport& report) {
  std::string text;
  for (const auto& c : report.checks) {
    if (c.status == Status::kFail || c.status == Status::kWarn) {
      text += std::string(models::rule_name(c.rule)) + " " + c.name + ": " + c.message + "\n";
    }
  }
  return text;
}

std::unique_ptr<const models::LoadedMap> round_trip(const models::RegisterMap& map) {
  auto loaded = models::load_map_text(models::map_json(map).dump(2), "round-trip.json");
  if (!loaded) throw std::runtime_error(loaded.error().text());
  return std::move(loaded).value();
}

TEST(MapFileConform, EachBuiltInMapRunsTheSameChecksFromItsFile) {
  mbh::testing::LoopbackSimulator built_in;
  for (const models::RegisterMap* map : models::all_maps()) {
    SCOPED_TRACE(std::string(map->id));
    const auto loaded = round_trip(*map);
    const auto expected = checks_of(conform(built_in.port(), *map));
    ASSERT_GT(expected.size(), 50U);
    EXPECT_EQ(first_difference(checks_of(conform(built_in.port(), loaded->map())), expected), "");
    // The simulator serving the loaded map: the same live model, the same answers.
    mbh::testing::LoopbackSimulator from_file(
        {}, {simulator::DeviceSpec{&loaded->map(), loaded->map().first_unit}});
    EXPECT_EQ(first_difference(checks_of(conform(from_file.port(), loaded->map())), expected), "");
  }
}

// Runs `conform` against the simulator serving `map` under each rule fault of the catalogue:
// a fault the simulator accepts must fail (or warn on) its rule, unless the map holds the rule
// at EITHER; the ones it refuses as changing nothing are returned.
std::set<std::string> faults_refused_or_breaking_their_rule(const models::RegisterMap& map) {
  std::set<std::string> refused;
  const std::vector<simulator::DeviceSpec> devices = {{&map, models::default_unit(map)}};
  for (const simulator::FaultInfo& fault : simulator::fault_catalogue()) {
    if (fault.kind != simulator::FaultKind::kRule) continue;
    const std::string name(fault.name);
    SCOPED_TRACE(name);
    std::unique_ptr<mbh::testing::LoopbackSimulator> server;
    try {
      server = std::make_unique<mbh::testing::LoopbackSimulator>(std::vector{name}, devices);
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find("would change nothing"), std::string::npos)
          << error.what();
      refused.insert(name);
      continue;
    }
    // An EITHER rule may allow what the fault does (Enapter: the raw halves of a uint32, a
    // normal answer to another unit id).
    if (models::level_of(map, *fault.rule) == models::Level::kEither) continue;
    const RunReport report = conform(server->port(), map);
    EXPECT_TRUE(std::ranges::any_of(report.checks,
                                    [&](const CheckRecord& c) {
                                      return c.rule == *fault.rule && (c.status == Status::kFail ||
                                                                       c.status == Status::kWarn);
                                    }))
        << "no " << models::rule_name(*fault.rule) << " failure\n"
        << failures(report);
  }
  return refused;
}

class EnergyMeter : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = models::load_map_file(MBH_SOURCE_DIR "/models/map_files/energy-meter.json");
    ASSERT_TRUE(loaded) << loaded.error().text();
    meter_ = std::move(loaded).value();
  }
  const models::RegisterMap& map() const { return meter_->map(); }
  std::vector<simulator::DeviceSpec> devices() const {
    return {simulator::DeviceSpec{&map(), map().first_unit}};
  }

  std::unique_ptr<const models::LoadedMap> meter_;
};

TEST_F(EnergyMeter, IsServedAndPassesClean) {
  mbh::testing::LoopbackSimulator server({}, devices());
  const RunReport report = conform(server.port(), map());
  EXPECT_EQ(exit_status_of(report), 0) << failures(report);
  EXPECT_EQ(failures(report), "");
  EXPECT_FALSE(report.writes.empty()) << "its two settings are written and restored";
  for (const WriteRecord& w : report.writes)
    EXPECT_TRUE(w.restored) << w.name;
  // Every rule the file lists with a level is checked, not only skipped.
  for (const auto& application : map().rules) {
    if (!application.level) continue;
    EXPECT_TRUE(std::ranges::any_of(report.checks, [&](const CheckRecord& c) {
      return c.rule == application.rule && c.status != Status::kSkip;
    })) << models::rule_name(application.rule);
  }
}

TEST_F(EnergyMeter, EveryFaultThatAppliesFailsItsRuleAndTheOthersAreRefused) {
  // What the meter has none of: event arrays, a SunSpec structure, a configuration sequence.
  const std::set<std::string> refused_expected = {"unknown-event-code", "sunspec-marker-wrong",
                                                  "sunspec-length-wrong", "config-commit-refused",
                                                  "config-outside-applies"};
  EXPECT_EQ(faults_refused_or_breaking_their_rule(map()), refused_expected);
}

// The meter sending its numbers low word first: served, read and written back in that order.
TEST_F(EnergyMeter, LowWordFirstIsServedAndPassesClean) {
  auto json = models::map_json(map());
  json["word_order"] = "low_first";
  auto loaded = models::load_map_text(json.dump(), "swapped.json");
  ASSERT_TRUE(loaded) << loaded.error().text();
  const models::RegisterMap& swapped = loaded.value()->map();
  mbh::testing::LoopbackSimulator server({}, {simulator::DeviceSpec{&swapped, swapped.first_unit}});
  const RunReport report = conform(server.port(), swapped);
  EXPECT_EQ(exit_status_of(report), 0) << failures(report);
  EXPECT_FALSE(report.writes.empty());
  // Pulse width (float32, holding 12) as the device holds it: low word first. Read in the
  // other order its halves would swap, and the number with them.
  const auto device = simulator::make_device(swapped, swapped.first_unit, 1, {});
  std::uint16_t words[2] = {};
  device->read(models::Space::kHolding, 12, words);
  const models::RegisterRow& row = *models::row_at(swapped, models::Space::kHolding, 12);
  const auto value = codec::decode_value(row.type, words);
  ASSERT_TRUE(value.ok());
  const float pulse = std::get<float>(value.value());
  EXPECT_GT(pulse, 0.0F);
  EXPECT_LT(pulse, 1000.0F);
}

// A meter whose map lists the functions it implements: FC 16 but not FC 06, and FC 43 (Read
// Device Identification) beside the register functions. Writes go as FC 16, R-FUNCTION probes
// FC 06 (exception 01 expected) and leaves FC 43 alone; a device answering FC 06 fails it.
TEST_F(EnergyMeter, ItsFunctionsDecideWhatIsProbedAndHowItIsWritten) {
  auto json = models::map_json(map());
  json["functions"] = {3, 4, 16, 43};
  auto loaded = models::load_map_text(json.dump(), "functions.json");
  ASSERT_TRUE(loaded) << loaded.error().text();
  const models::RegisterMap& listed = loaded.value()->map();
  const std::vector<simulator::DeviceSpec> served{{&listed, listed.first_unit}};
  mbh::testing::LoopbackSimulator server({}, served);
  const RunReport report = conform(server.port(), listed);
  EXPECT_EQ(exit_status_of(report), 0) << failures(report);
  const auto named = [&report](std::string_view prefix) {
    return std::ranges::find_if(
        report.checks, [prefix](const CheckRecord& c) { return c.name.starts_with(prefix); });
  };
  ASSERT_NE(named("function 06"), report.checks.end());
  EXPECT_EQ(named("function 06")->status, Status::kPass);
  EXPECT_EQ(named("function 2B"), report.checks.end()) << "the map says FC 43 is implemented";
  EXPECT_EQ(named("function 10"), report.checks.end());
  EXPECT_FALSE(report.writes.empty());
  for (const CheckRecord& c : report.checks) {
    if (c.name.starts_with("function 06")) continue;
    if (c.request.size() > 7 && c.request[7] == std::byte{0x06}) {
      ADD_FAILURE() << c.name << " was sent as FC 06, which the map's device lacks";
    }
  }
  // A device that answers the FC 06 it should refuse.
  mbh::testing::LoopbackSimulator answering({{"function-answered"}}, served);
  const RunReport faulty = conform(answering.port(), listed);
  const auto fc06 = std::ranges::find_if(
      faulty.checks, [](const CheckRecord& c) { return c.name.starts_with("function 06"); });
  ASSERT_NE(fc06, faulty.checks.end());
  EXPECT_EQ(fc06->status, Status::kFail) << fc06->message;
}

// A second map by hand, for a motor drive: its numbers low word first but one, on unit 3 of
// 1..247, a command register whose enum lists only its order (it reads 0 at rest, which R-ENUM
// allows a command register), a fixed identity value and a read-only holding register.
TEST(MapFileConform, ASpeedDriveIsServedCleanAndEachFaultThatAppliesFailsItsRule) {
  auto loaded = models::load_map_file(MBH_SOURCE_DIR "/models/map_files/speed-drive.json");
  ASSERT_TRUE(loaded) << loaded.error().text();
  const models::RegisterMap& map = loaded.value()->map();
  ASSERT_EQ(models::default_unit(map), 3);
  mbh::testing::LoopbackSimulator server({}, {simulator::DeviceSpec{&map, 3}});
  const RunReport report = conform(server.port(), map);
  EXPECT_EQ(exit_status_of(report), 0) << failures(report);
  EXPECT_EQ(failures(report), "");
  EXPECT_EQ(report.writes.size(), 4U) << "its four settings, not the command or the actuator";
  for (const auto& application : map.rules) {
    EXPECT_TRUE(std::ranges::any_of(report.checks, [&](const CheckRecord& c) {
      return c.rule == application.rule && c.status != Status::kSkip;
    })) << models::rule_name(application.rule);
  }
  const std::set<std::string> refused_expected = {"unknown-event-code", "sunspec-marker-wrong",
                                                  "sunspec-length-wrong", "config-commit-refused",
                                                  "config-outside-applies"};
  EXPECT_EQ(faults_refused_or_breaking_their_rule(map), refused_expected);
}

// The generic device (no live model) serves each built-in map clean, and every fault that
// applies to it fails its rule: what a map file describing one of the three devices gets.
TEST(MapFileConform, EachBuiltInMapWithoutItsLiveModelIsServedClean) {
  for (const models::RegisterMap* built_in : models::all_maps()) {
    SCOPED_TRACE(std::string(built_in->id));
    auto json = models::map_json(*built_in);
    json.erase("simulation");
    auto loaded = models::load_map_text(json.dump(), "generic.json");
    ASSERT_TRUE(loaded) << loaded.error().text();
    const models::RegisterMap& map = loaded.value()->map();
    mbh::testing::LoopbackSimulator server({}, {simulator::DeviceSpec{&map, map.first_unit}});
    const RunReport report = conform(server.port(), map);
    EXPECT_EQ(exit_status_of(report), 0) << failures(report);
    EXPECT_EQ(failures(report), "");
    faults_refused_or_breaking_their_rule(map);
  }
}

}  // namespace
}  // namespace mbh::conformance
