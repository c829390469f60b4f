#pragma once
// The AGS generator as a state machine: what the Auto Generator State, Action, On Reason and
// Off Reason registers (0x0042..0x0045) report, moved one second at a time by the Operating
// Mode and Generator Mode registers and a simulated battery's state of charge. The rules and
// the transition table are at the top of ags_generator_state.cpp.
#include <cstdint>

namespace mbh::simulator {

enum class GeneratorPhase : std::uint8_t {
  kStopped,
  kPreheating,
  kCranking,
  kWarmingUp,
  kRunning,
  kCoolingDown,
  kSpinningDown,
  kStopping,  // a stop asked for before the engine ran
};

// What the generator reads from the AGS's registers each second.
struct GeneratorInputs {
  std::uint16_t operating_mode = 3;  // 0x004C: 2 Standby, 3 Operating
  std::uint16_t generator_mode = 2;  // 0x004D: 0 Off, 1 On, 2 Automatic, 3 Force On Auto Off
  bool start_on_soc = true;          // 0x0055 Generator Auto Start On Battery SOC
  bool stop_on_soc = true;           // 0x0056 Generator Auto Stop On Battery SOC
  std::uint16_t start_soc = 40;      // 0x0088 State of Charge Level to Start Generator, %
  std::uint16_t stop_soc = 80;       // 0x0087 State of Charge Level to Stop Generator, %
};

// What it reports: values of the document's sections 2.2 to 2.5.
struct GeneratorReport {
  std::uint16_t state;       // 2.2 Generator State
  std::uint16_t action;      // 2.3 Generator Actions
  std::uint16_t on_reason;   // 2.4 Generator On Reason
  std::uint16_t off_reason;  // 2.5 Generator Off Reasons
};

class AgsGeneratorState {
 public:
  explicit AgsGeneratorState(double battery_soc);

  void step(const GeneratorInputs& inputs);  // one second
  GeneratorReport report(const GeneratorInputs& inputs) const;

  GeneratorPhase phase() const { return phase_; }
  double battery_soc() const { return battery_soc_; }
  bool engine_turning() const;  // from preheating to running: what "on" means to the reasons

 private:
  bool wants_to_run(const GeneratorInputs& inputs);
  void enter(GeneratorPhase phase);

  GeneratorPhase phase_ = GeneratorPhase::kStopped;
  std::uint16_t seconds_in_phase_ = 0;
  double battery_soc_;
  bool soc_demand_ = false;  // the automatic triggers ask for the generator
  bool forced_on_ = false;   // Force On Auto Off: on until the triggers say stop
  std::uint16_t last_mode_ = 0xFFFF;
  std::uint16_t on_reason_ = 0;
  std::uint16_t off_reason_;
};

}  // namespace mbh::simulator
