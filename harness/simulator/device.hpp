#pragma once
// One simulated device: a map's registers, advanced a tick per request sent to it, read and
// written by the request answerer once it has checked the request (function, quantity,
// address, access).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "harness/codec/function_code.hpp"
#include "harness/simulator/active_faults.hpp"
#include "harness/simulator/register_bank.hpp"
#include "harness/simulator/value_faults.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

class Device {
 public:
  Device(const models::RegisterMap& map, std::uint8_t unit, const ActiveFaults& faults);
  virtual ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  const models::RegisterMap& map() const { return *map_; }
  std::uint8_t unit() const { return unit_; }

  // One step of simulated time (a second, one request to this device): live values move on.
  // The default holds still.
  virtual void tick();

  // A write of holding registers that lies on rows, splits none and touches no read-only row
  // (or a fault let it through). Stores it, or says which exception to answer instead.
  virtual std::optional<codec::ExceptionCode> write(std::uint16_t first,
                                                    std::span<const std::uint16_t> values);

  // The registers as a read returns them, value faults included.
  void read(models::Space space, std::uint16_t first, std::span<std::uint16_t> out) const;
  // The registers as held, without value faults.
  const RegisterBank& registers() const { return bank_; }

 protected:
  RegisterBank& bank() { return bank_; }

 private:
  const models::RegisterMap* map_;
  std::uint8_t unit_;
  RegisterBank bank_;
  ValuePatches patches_;
};

// The device for a map: the live model its `simulation` names (conext-bms, conext-ags,
// enapter-el21), or a Device holding valid values for its rows, drawn from `seed`.
std::unique_ptr<Device> make_device(const models::RegisterMap& map, std::uint8_t unit,
                                    std::uint64_t seed, const ActiveFaults& faults);

}  // namespace mbh::simulator
