#include "harness/simulator/device.hpp"

#include "harness/simulator/ags_device.hpp"
#include "harness/simulator/bms_device.hpp"
#include "harness/simulator/enapter_device.hpp"

namespace mbh::simulator {

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
  return std::make_unique<Device>(map, unit, faults);
}

}  // namespace mbh::simulator
