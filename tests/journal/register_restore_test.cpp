// The restore steps against a device held in memory: what is written, in which order, and
// when a register counts as back.
#include "harness/journal/register_restore.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace mbh::journal {
namespace {

// Holding registers in a map; writes logged; a configuration sequence stages writes to
// addresses >= 4002 until Commit 1; refusals and "stuck" registers scripted.
class FakeDevice final : public RegisterAccess {
 public:
  std::map<std::uint16_t, std::uint16_t> holding;
  std::vector<std::string> log;
  std::set<std::uint16_t> refused;  // writes answered with an exception
  std::set<std::uint16_t> stuck;    // writes answered normally, value unchanged
  bool in_sequence = false;
  std::map<std::uint16_t, std::uint16_t> staged;

  std::optional<std::vector<std::uint16_t>> read(models::Space, std::uint16_t address,
                                                 std::uint16_t count) override {
    std::vector<std::uint16_t> out;
    for (std::uint16_t i = 0; i < count; ++i)
      out.push_back(holding[static_cast<std::uint16_t>(address + i)]);
    return out;
  }
  bool write(std::uint16_t address, std::span<const std::uint16_t> words, bool multiple) override {
    log.push_back((multiple ? "fc16 " : "fc06 ") + std::to_string(address) + "=" +
                  std::to_string(words[0]));
    if (refused.contains(address)) return false;
    if (address == 4000) {
      in_sequence = words[0] == 1;
      return true;
    }
    if (address == 4001) {
      if (words[0] == 1) commit();
      staged.clear();
      in_sequence = false;
      return true;
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
      const auto a = static_cast<std::uint16_t>(address + i);
      if (stuck.contains(a)) continue;
      if (a >= 4002) {
        if (in_sequence) staged[a] = words[i];
      } else {
        holding[a] = words[i];
      }
    }
    return true;
  }

 private:
  void commit() {
    for (const auto& [a, v] : staged)
      holding[a] = v;
  }
};

JournalRegister value_entry(std::uint16_t address, std::vector<std::uint16_t> original) {
  JournalRegister e;
  e.key = RegisterKey{"127.0.0.1:5020", 1, models::Space::kHolding, address};
  e.name = "r";
  e.safety = "setting";
  e.registers = static_cast<std::uint16_t>(original.size());
  e.original = std::move(original);
  e.multiple = e.registers > 1;
  return e;
}

TEST(RegisterRestore, AChangedValueIsWrittenBackAndReadBack) {
  FakeDevice device;
  device.holding = {{10, 0}, {11, 4999}};
  const auto outcome = restore_register(device, value_entry(10, {0, 5000}), 0);
  EXPECT_TRUE(outcome.restored) << outcome.how;
  EXPECT_TRUE(outcome.wrote);
  EXPECT_EQ(device.holding[11], 5000);
  EXPECT_EQ(device.log, (std::vector<std::string>{"fc16 10=0"}));
}

TEST(RegisterRestore, AValueAlreadyBackIsOnlyRead) {
  FakeDevice device;
  device.holding = {{10, 7}};
  const auto outcome = restore_register(device, value_entry(10, {7}), 0);
  EXPECT_TRUE(outcome.restored);
  EXPECT_FALSE(outcome.wrote);
  EXPECT_TRUE(device.log.empty());
}

TEST(RegisterRestore, AValueThatDoesNotComeBackIsReportedWithWhatItReads) {
  FakeDevice device;
  device.holding = {{10, 8}};
  device.stuck = {10};
  const auto outcome = restore_register(device, value_entry(10, {7}), 0);
  EXPECT_FALSE(outcome.restored);
  EXPECT_EQ(device.log.size(), 2U);  // tried twice
  EXPECT_NE(outcome.how.find("reads [8] after restoring [7]"), std::string::npos) << outcome.how;
}

TEST(RegisterRestore, ARefusedWriteIsNotRestored) {
  FakeDevice device;
  device.holding = {{10, 8}};
  device.refused = {10};
  EXPECT_FALSE(restore_register(device, value_entry(10, {7}), 0).restored);
}

TEST(RegisterRestore, AConfigurationRegisterGoesThroughTheSequence) {
  FakeDevice device;
  device.holding = {{4010, 55}};
  auto e = value_entry(4010, {50});
  e.sequence = Sequence{4000, 4001, std::nullopt};
  const auto outcome = restore_register(device, e, 0);
  EXPECT_TRUE(outcome.restored) << outcome.how;
  EXPECT_EQ(device.log, (std::vector<std::string>{"fc06 4000=1", "fc06 4010=50", "fc06 4001=1"}));
}

TEST(RegisterRestore, ASequenceWhoseWriteIsRefusedIsRolledBackNotLeftOpen) {
  FakeDevice device;
  device.holding = {{4010, 55}};
  device.refused = {4010};
  auto e = value_entry(4010, {50});
  e.sequence = Sequence{4000, 4001, std::nullopt};
  EXPECT_FALSE(restore_register(device, e, 0).restored);
  EXPECT_EQ(device.log.back(), "fc06 4001=0");
  EXPECT_FALSE(device.in_sequence);
}

TEST(RegisterRestore, ACommandIsNeverGivenItsOrderAgain) {
  FakeDevice device;
  device.holding = {{78, 2}};
  auto e = value_entry(78, {0});  // Reset: 0 reboots; no no-command value
  e.kind = RestoreKind::kCommand;
  const auto outcome = restore_register(device, e, 0);
  EXPECT_TRUE(outcome.restored);
  EXPECT_TRUE(device.log.empty()) << "a command register was written back";
}

TEST(RegisterRestore, ACommandWithANoCommandValueGetsItWhenItDoesNotReadIt) {
  FakeDevice device;
  device.holding = {{130, 1}};
  auto e = value_entry(130, {0});
  e.kind = RestoreKind::kCommand;
  e.no_command = 0;
  const auto outcome = restore_register(device, e, 0);
  EXPECT_TRUE(outcome.restored) << outcome.how;
  EXPECT_EQ(device.holding[130], 0);
  EXPECT_NE(outcome.how.find("no-command value 0"), std::string::npos) << outcome.how;
  FakeDevice idle;
  idle.holding = {{130, 0}};
  EXPECT_TRUE(restore_register(idle, e, 0).restored);
  EXPECT_TRUE(idle.log.empty());
}

TEST(RegisterRestore, TheClockMovesOnByTheTimeThatPassed) {
  FakeDevice device;
  device.holding = {{20, 0}, {21, 0}, {22, 0}, {23, 0}};
  auto e = value_entry(20, {0, 0, 0, 1000});
  e.kind = RestoreKind::kClock;
  e.read_at = 5000;
  const auto outcome = restore_register(device, e, 5030);
  EXPECT_TRUE(outcome.restored) << outcome.how;
  EXPECT_EQ(device.holding[23], 1030);
}

TEST(RegisterRestore, AReadOnlyRegisterThatMovedOnCountsAsBack) {
  FakeDevice device;
  device.holding = {{10, 500}};
  device.stuck = {10};  // a live value: the write does not change it
  auto e = value_entry(10, {100});
  e.read_only = true;
  e.written = std::vector<std::uint16_t>{9999};
  EXPECT_TRUE(restore_register(device, e, 0).restored);
}

TEST(RegisterRestore, ADeviceRollsBackOpenSequencesFirstAndRecordsEveryOutcome) {
  FakeDevice device;
  device.holding = {{10, 8}, {11, 1}};
  device.in_sequence = true;
  const auto a = value_entry(10, {7});
  const auto b = value_entry(11, {1});
  DeviceWork work{"127.0.0.1:5020", 1, {Sequence{4000, 4001, std::nullopt}}, {&a, &b}};
  std::vector<std::string> lines;
  const auto outcomes = restore_device(
      device, work, [&](const std::string& line) { lines.push_back(line); }, [] { return false; },
      0);
  ASSERT_EQ(outcomes.size(), 3U);
  EXPECT_TRUE(outcomes[0].restored);
  EXPECT_EQ(device.log.front(), "fc06 4001=0");
  EXPECT_FALSE(device.in_sequence);
  EXPECT_EQ(lines.size(), 3U);
  EXPECT_NE(lines[0].find("\"sequence_closed\""), std::string::npos);
  EXPECT_NE(lines[1].find("\"restored\""), std::string::npos);
  EXPECT_EQ(device.holding[10], 7);
}

TEST(RegisterRestore, AStopLeavesTheRestUntriedAndUnrecorded) {
  FakeDevice device;
  device.holding = {{10, 8}};
  const auto a = value_entry(10, {7});
  DeviceWork work{"127.0.0.1:5020", 1, {}, {&a}};
  std::vector<std::string> lines;
  const auto outcomes = restore_device(
      device, work, [&](const std::string& line) { lines.push_back(line); }, [] { return true; },
      0);
  ASSERT_EQ(outcomes.size(), 1U);
  EXPECT_FALSE(outcomes[0].tried);
  EXPECT_FALSE(outcomes[0].restored);
  EXPECT_TRUE(lines.empty());
  EXPECT_TRUE(device.log.empty());
}

}  // namespace
}  // namespace mbh::journal
