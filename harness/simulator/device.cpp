#include "harness/simulator/device.hpp"

#include "harness/simulator/ags_device.hpp"
#include "harness/simulator/bms_device.hpp"
#include "harness/simulator/enapter_configuration.hpp"
#include "harness/simulator/enapter_device.hpp"
#include "harness/simulator/row_values.hpp"

namespace mbh::simulator {
namespace {

// A map with no live model (a map file's): its rows' valid values, holding still, and its
// configuration sequence where it has one.
class RowValueDevice final : public Device {
 public:
  RowValueDevice(const models::RegisterMap& map, std::uint8_t unit, std::uint64_t seed,
                 const ActiveFaults& faults)
      : Device(map, unit, faults) {
    put_valid_values(map, seed, bank());
    if (map.configuration) {
      configuration_.emplace(map, faults.config_outside_applies, faults.config_commit_refused);
      configuration_->publish(bank());
    }
  }

  std::optional<codec::ExceptionCode> write(std::uint16_t first,
                                            std::span<const std::uint16_t> values) override {
    if (!configuration_) return Device::write(first, values);
    if (auto refused = configuration_->refusal(first, values.size())) return refused;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto address = static_cast<std::uint16_t>(first + i);
      if (configuration_->handles(address)) {
        configuration_->write(address, values[i], bank());
      } else {
        bank().set(models::Space::kHolding, address, values[i]);
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<EnapterConfiguration> configuration_;
};

}  // namespace

Device::Device(const models::RegisterMap& map, std::uint8_t unit, const ActiveFaults& faults)
    : map_(&map), unit_(unit), bank_(map), patches_(map, faults) {}

Device::~Device() = default;

void Device::tick() {}

std::optional<codec::ExceptionCode> Device::write(std::uint16_t first,
                                                  std::span<const std::uint16_t> values) {
  bank_.write(models::Space::kHolding, first, values);
  return std::nullopt;
}

void Device::read(models::Space space, std::uint16_t first, std::span<std::uint16_t> out) const {
  bank_.read(space, first, out);
  patches_.apply(space, first, out);
}

std::unique_ptr<Device> make_device(const models::RegisterMap& map, std::uint8_t unit,
                                    std::uint64_t seed, const ActiveFaults& faults) {
  // The live models of the built-in maps, named by the map's `simulation`.
  if (map.simulation == "conext-bms") return std::make_unique<BmsDevice>(map, unit, seed, faults);
  if (map.simulation == "conext-ags") return std::make_unique<AgsDevice>(map, unit, seed, faults);
  if (map.simulation == "enapter-el21") {
    return std::make_unique<EnapterDevice>(map, unit, seed, faults);
  }
  return std::make_unique<RowValueDevice>(map, unit, seed, faults);
}

}  // namespace mbh::simulator
