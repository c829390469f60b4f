#pragma once
// The Conext Li-Ion BMS: a SunSpec battery (markers, Common and Battery Base models, the
// custom map) that charges and discharges between 15 % and 95 %, its voltages, current, power
// and temperature following, its heartbeat counting every second.
#include <cstdint>

#include "harness/simulator/device.hpp"
#include "harness/simulator/simulation_random.hpp"

namespace mbh::simulator {

class BmsDevice final : public Device {
 public:
  BmsDevice(const models::RegisterMap& map, std::uint8_t unit, std::uint64_t seed,
            const ActiveFaults& faults);

  void tick() override;

 private:
  void put_identity(std::uint64_t seed);
  void publish();  // the live values into the registers

  SimulationRandom random_;
  double state_of_charge_;  // %
  double temperature_;      // degC
  bool charging_;
  std::uint16_t heartbeat_ = 0;
  std::uint32_t full_cycles_ = 0;
};

}  // namespace mbh::simulator
