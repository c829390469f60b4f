// The AGS generator state machine.
//
// Rules (the AGS document's sections 2.2 to 2.5; the AGS Owner's Guide's behaviour, reduced):
//  1. Operating Mode Standby (2) stops the generator; the AGS reports Not Operating (9).
//  2. Generator Mode Off (0) stops it (Manual Off), On (1) runs it (Manual On).
//  3. Automatic (2) runs it while the battery's state of charge has fallen below the start
//     level (Battery SOC Low) and until it rises above the stop level (Battery SOC High), each
//     trigger only when its enable register is set.
//  4. Force On Auto Off (3) runs it at once, then stops it as Automatic would.
//  5. Starting goes Preheating, Cranking, Warming Up, Running; stopping goes Cooling Down,
//     Spinning Down, Stopped; each phase lasts the seconds in kPhases. A stop before the engine
//     runs (preheating, cranking) goes through Stopping instead.
//  6. The battery gains 0.1 % a second while the generator runs and loses 0.05 % otherwise.
#include "harness/simulator/ags_generator_state.hpp"

#include <algorithm>

namespace mbh::simulator {
namespace {

using P = GeneratorPhase;

// Section 2.2 Generator State
constexpr std::uint16_t kAutoOn = 1;
constexpr std::uint16_t kAutoOff = 2;
constexpr std::uint16_t kManualOn = 3;
constexpr std::uint16_t kManualOff = 4;
constexpr std::uint16_t kNotOperating = 9;
// Section 2.4 Generator On Reason
constexpr std::uint16_t kNotOn = 0;
constexpr std::uint16_t kOnBatterySocLow = 2;
constexpr std::uint16_t kOnManual = 5;
// Section 2.5 Generator Off Reasons
constexpr std::uint16_t kNotOff = 0;
constexpr std::uint16_t kOffBatterySocHigh = 2;
constexpr std::uint16_t kOffManual = 7;
constexpr std::uint16_t kOffAuto = 16;
// Operating Mode (0x004C) and Generator Mode (0x004D) values
constexpr std::uint16_t kStandby = 2;
constexpr std::uint16_t kModeOff = 0;
constexpr std::uint16_t kModeOn = 1;
constexpr std::uint16_t kModeForceOnAutoOff = 3;

// Each phase: the Generator Action it reports (section 2.3), how long it lasts (0: until the
// demand changes) and the phase after it.
struct PhaseRow {
  P phase;
  std::uint16_t action;
  std::uint16_t seconds;
  P next;
};
constexpr PhaseRow kPhases[] = {
    {P::kStopped, 10 /* Stopped */, 0, P::kStopped},
    {P::kPreheating, 0 /* Preheating */, 3, P::kCranking},
    {P::kCranking, 2 /* Cranking */, 2, P::kWarmingUp},
    {P::kWarmingUp, 4 /* Warming Up */, 5, P::kRunning},
    {P::kRunning, 9 /* Running */, 0, P::kRunning},
    {P::kCoolingDown, 5 /* Cooling Down */, 5, P::kSpinningDown},
    {P::kSpinningDown, 6 /* Spinning Down */, 2, P::kStopped},
    {P::kStopping, 8 /* Stopping */, 1, P::kStopped},
};

// Where a change of demand takes each phase (phases not listed carry on).
struct DemandRow {
  P from;
  bool run;
  P to;
};
constexpr DemandRow kDemandChanges[] = {
    {P::kStopped, true, P::kPreheating},   {P::kPreheating, false, P::kStopping},
    {P::kCranking, false, P::kStopping},   {P::kWarmingUp, false, P::kCoolingDown},
    {P::kRunning, false, P::kCoolingDown},
};

constexpr double kSocGainPerSecond = 0.1;
constexpr double kSocLossPerSecond = 0.05;

const PhaseRow& row_of(P phase) {
  for (const PhaseRow& row : kPhases) {
    if (row.phase == phase) return row;
  }
  return kPhases[0];
}

bool is_automatic(std::uint16_t mode) {
  return mode != kModeOff && mode != kModeOn;
}

}  // namespace

AgsGeneratorState::AgsGeneratorState(double battery_soc)
    : battery_soc_(battery_soc), off_reason_(kOffAuto) {}

bool AgsGeneratorState::engine_turning() const {
  switch (phase_) {
    case P::kPreheating:
    case P::kCranking:
    case P::kWarmingUp:
    case P::kRunning:
      return true;
    default:
      return false;
  }
}

bool AgsGeneratorState::wants_to_run(const GeneratorInputs& inputs) {
  if (inputs.generator_mode != last_mode_) {
    forced_on_ = inputs.generator_mode == kModeForceOnAutoOff;
    last_mode_ = inputs.generator_mode;
  }
  if (!soc_demand_ && inputs.start_on_soc && battery_soc_ < inputs.start_soc) soc_demand_ = true;
  if (inputs.stop_on_soc && battery_soc_ > inputs.stop_soc) {
    soc_demand_ = false;
    forced_on_ = false;
  }
  if (inputs.operating_mode == kStandby) return false;
  if (inputs.generator_mode == kModeOff) return false;
  if (inputs.generator_mode == kModeOn) return true;
  return soc_demand_ || forced_on_;
}

void AgsGeneratorState::enter(P phase) {
  phase_ = phase;
  seconds_in_phase_ = 0;
}

void AgsGeneratorState::step(const GeneratorInputs& inputs) {
  const bool run = wants_to_run(inputs);
  const bool was_turning = engine_turning();
  bool changed = false;
  for (const DemandRow& row : kDemandChanges) {
    if (row.from == phase_ && row.run == run) {
      enter(row.to);
      changed = true;
      break;
    }
  }
  if (!changed) {
    const PhaseRow& row = row_of(phase_);
    ++seconds_in_phase_;
    if (row.seconds != 0 && seconds_in_phase_ >= row.seconds) enter(row.next);
  }
  if (!was_turning && engine_turning()) {
    on_reason_ = is_automatic(inputs.generator_mode) && !forced_on_ ? kOnBatterySocLow : kOnManual;
  }
  if (was_turning && !engine_turning()) {
    off_reason_ = is_automatic(inputs.generator_mode) && inputs.operating_mode != kStandby
                      ? kOffBatterySocHigh
                      : kOffManual;
  }
  const double change = phase_ == P::kRunning ? kSocGainPerSecond : -kSocLossPerSecond;
  battery_soc_ = std::clamp(battery_soc_ + change, 0.0, 100.0);
}

GeneratorReport AgsGeneratorState::report(const GeneratorInputs& inputs) const {
  std::uint16_t state = kAutoOff;
  if (inputs.operating_mode == kStandby) {
    state = kNotOperating;
  } else if (inputs.generator_mode == kModeOff) {
    state = kManualOff;
  } else if (inputs.generator_mode == kModeOn || forced_on_) {
    state = kManualOn;
  } else {
    state = engine_turning() ? kAutoOn : kAutoOff;
  }
  const bool on = engine_turning();
  return GeneratorReport{state, row_of(phase_).action, on ? on_reason_ : kNotOn,
                         on ? kNotOff : off_reason_};
}

}  // namespace mbh::simulator
