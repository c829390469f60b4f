// The AGS generator state machine: its phases in order, the modes and triggers that move it,
// and only the document's values in what it reports.
#include "harness/simulator/ags_generator_state.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "models/map_catalog.hpp"

namespace mbh::simulator {
namespace {

constexpr std::uint16_t kActionRunning = 9;
constexpr std::uint16_t kActionStopped = 10;

bool listed(std::uint16_t address, std::uint16_t value) {
  const auto* row =
      models::row_at(*models::find_map("conext-ags"), models::Space::kHolding, address);
  return row != nullptr && std::ranges::any_of(row->enums, [value](const models::EnumEntry& e) {
           return e.value == value;
         });
}

void expect_listed(const GeneratorReport& report) {
  EXPECT_TRUE(listed(0x0042, report.state)) << report.state;
  EXPECT_TRUE(listed(0x0043, report.action)) << report.action;
  EXPECT_TRUE(listed(0x0044, report.on_reason)) << report.on_reason;
  EXPECT_TRUE(listed(0x0045, report.off_reason)) << report.off_reason;
}

// The phases a generator passes through over `seconds`, each once.
std::vector<GeneratorPhase> run(AgsGeneratorState& generator, const GeneratorInputs& inputs,
                                int seconds) {
  std::vector<GeneratorPhase> phases{generator.phase()};
  for (int i = 0; i < seconds; ++i) {
    generator.step(inputs);
    expect_listed(generator.report(inputs));
    if (generator.phase() != phases.back()) phases.push_back(generator.phase());
  }
  return phases;
}

TEST(AgsGeneratorState, ManualOnStartsThroughEveryPhaseAndOffStops) {
  AgsGeneratorState generator(90.0);
  GeneratorInputs on{.generator_mode = 1};
  EXPECT_EQ(
      run(generator, on, 30),
      (std::vector{GeneratorPhase::kStopped, GeneratorPhase::kPreheating, GeneratorPhase::kCranking,
                   GeneratorPhase::kWarmingUp, GeneratorPhase::kRunning}));
  auto report = generator.report(on);
  EXPECT_EQ(report.state, 3);  // Manual On
  EXPECT_EQ(report.action, kActionRunning);
  EXPECT_EQ(report.on_reason, 5);   // Manual On
  EXPECT_EQ(report.off_reason, 0);  // Not Off
  GeneratorInputs off{.generator_mode = 0};
  EXPECT_EQ(run(generator, off, 30),
            (std::vector{GeneratorPhase::kRunning, GeneratorPhase::kCoolingDown,
                         GeneratorPhase::kSpinningDown, GeneratorPhase::kStopped}));
  report = generator.report(off);
  EXPECT_EQ(report.state, 4);  // Manual Off
  EXPECT_EQ(report.action, kActionStopped);
  EXPECT_EQ(report.on_reason, 0);
  EXPECT_EQ(report.off_reason, 7);  // Manual Off
}

TEST(AgsGeneratorState, AStopBeforeTheEngineRunsGoesThroughStopping) {
  AgsGeneratorState generator(90.0);
  generator.step(GeneratorInputs{.generator_mode = 1});
  ASSERT_EQ(generator.phase(), GeneratorPhase::kPreheating);
  generator.step(GeneratorInputs{.generator_mode = 0});
  EXPECT_EQ(generator.phase(), GeneratorPhase::kStopping);
  generator.step(GeneratorInputs{.generator_mode = 0});
  EXPECT_EQ(generator.phase(), GeneratorPhase::kStopped);
}

TEST(AgsGeneratorState, AutomaticFollowsTheBatteryBetweenItsLevels) {
  AgsGeneratorState generator(42.0);
  const GeneratorInputs automatic{.generator_mode = 2, .start_soc = 40, .stop_soc = 60};
  // Losing 0.05 %/s, the battery falls below 40 % within a minute; the generator starts.
  run(generator, automatic, 120);
  EXPECT_EQ(generator.phase(), GeneratorPhase::kRunning);
  auto report = generator.report(automatic);
  EXPECT_EQ(report.state, 1);      // Auto On
  EXPECT_EQ(report.on_reason, 2);  // Battery SOC Low
  // Gaining 0.1 %/s it passes 60 % within about 200 s, and stops.
  run(generator, automatic, 400);
  EXPECT_NE(generator.phase(), GeneratorPhase::kRunning);
  report = generator.report(automatic);
  EXPECT_EQ(report.state, 2);       // Auto Off
  EXPECT_EQ(report.off_reason, 2);  // Battery SOC High
}

TEST(AgsGeneratorState, StandbyIsNotOperatingAndNeverRuns) {
  AgsGeneratorState generator(10.0);
  const GeneratorInputs standby{.operating_mode = 2, .generator_mode = 1};
  EXPECT_EQ(run(generator, standby, 50), std::vector{GeneratorPhase::kStopped});
  EXPECT_EQ(generator.report(standby).state, 9);  // Not Operating
}

TEST(AgsGeneratorState, ForceOnRunsAtOnceThenStopsAsAutomatic) {
  AgsGeneratorState generator(70.0);  // above the start level: Automatic alone would not start
  const GeneratorInputs force{.generator_mode = 3, .start_soc = 40, .stop_soc = 80};
  run(generator, force, 20);
  EXPECT_EQ(generator.phase(), GeneratorPhase::kRunning);
  EXPECT_EQ(generator.report(force).state, 3);  // Manual On while forced
  run(generator, force, 300);                   // 70 % + 0.1 %/s passes 80 %
  EXPECT_EQ(generator.phase(), GeneratorPhase::kStopped);
  EXPECT_EQ(generator.report(force).state, 2);  // Auto Off
}

}  // namespace
}  // namespace mbh::simulator
