#pragma once
// The Conext AGS: its identity, its settings at plausible defaults, and the generator state
// machine (ags_generator_state.hpp) reporting through the status registers every second.
// Refresh Configuration Data makes Configuration Status read Refreshing for a few seconds;
// Generator Mode writes raise the "stopped / started manually" warnings, which Clear clears.
#include <cstdint>

#include "harness/simulator/ags_generator_state.hpp"
#include "harness/simulator/device.hpp"

namespace mbh::simulator {

class AgsDevice final : public Device {
 public:
  AgsDevice(const models::RegisterMap& map, std::uint8_t unit, std::uint64_t seed,
            const ActiveFaults& faults);

  void tick() override;
  std::optional<codec::ExceptionCode> write(std::uint16_t first,
                                            std::span<const std::uint16_t> values) override;

 private:
  void put_identity(std::uint64_t seed);
  void put_settings();
  GeneratorInputs inputs() const;
  void publish();

  AgsGeneratorState generator_;
  std::uint16_t refreshing_seconds_ = 0;
  std::uint32_t refresh_count_ = 0;
  std::uint16_t warnings_ = 0;  // Warning Bitmap 0
};

}  // namespace mbh::simulator
