#pragma once
// The Enapter EL 2.1 electrolyser: identity (Device Model "EL21"), counters of live time and
// uptime, a Unix clock, production that follows Start / Stop, Maintenance Mode and the
// Production Rate (H2 Flow Rate NaN while not producing), sensor values drifting within their
// ranges, event arrays that change now and then, and the configuration sequence
// (enapter_configuration.hpp) for holding 4000 and up.
#include <cstdint>

#include "harness/simulator/device.hpp"
#include "harness/simulator/enapter_configuration.hpp"
#include "harness/simulator/simulation_random.hpp"

namespace mbh::simulator {

class EnapterDevice final : public Device {
 public:
  EnapterDevice(const models::RegisterMap& map, std::uint8_t unit, std::uint64_t seed,
                const ActiveFaults& faults);

  void tick() override;
  std::optional<codec::ExceptionCode> write(std::uint16_t first,
                                            std::span<const std::uint16_t> values) override;

  const EnapterConfiguration& configuration() const { return configuration_; }

 private:
  void put_identity();
  void put_settings();
  void roll_events();
  void advance();                 // one second of production and sensor drift
  void publish();                 // state and sensors into the registers
  float production_rate() const;  // holding 1002, as the stack follows it: 0..100

  // Sensor readings that drift, in the units of their rows.
  struct Sensors {
    float cooler_fan = 2400.0F;  // rpm
    float circulation_fan = 1800.0F;
    float compartment_fan = 1500.0F;
    float electrolyte_flow = 1.4F;  // l/min
    float psu_voltage = 48.0F;      // V
    float inner_pressure = 30.0F;   // bar
    float outer_pressure = 25.0F;
    float water_inlet_pressure = 3.0F;
    float electrolyte_temperature = 40.0F;  // degC
    float flow_jitter = 1.0F;               // factor on the nominal H2 flow
  };

  SimulationRandom random_;
  EnapterConfiguration configuration_;
  std::uint64_t ticks_ = 0;
  std::uint32_t live_time_;
  std::uint32_t uptime_ = 0;
  bool producing_ = false;
  std::uint32_t stack_cycles_;
  std::uint32_t stack_runtime_;
  double h2_produced_;  // NL
  Sensors sensors_;
  char worst_event_ = '\0';  // 'F', 'E' or none: what the error array holds
};

}  // namespace mbh::simulator
