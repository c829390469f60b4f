#pragma once
// The value faults (enum-out-of-range, undefined-bit, unknown-event-code, sunspec-marker-wrong,
// sunspec-length-wrong, device-model-wrong, percent-over-100) as register patches worked out
// once per device: every read of a patched register returns the faulty word, while the
// device's own state stays clean underneath.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "harness/codec/values/value_encoders.hpp"
#include "harness/simulator/active_faults.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

// The words the value fault named `fault` puts in `row` of `map`, or nothing where it leaves
// the row alone (or is no value fault). A fault that patches no row of any map served changes
// nothing, and the simulator refuses it.
std::optional<codec::RegisterWords> faulty_value(std::string_view fault,
                                                 const models::RegisterMap& map,
                                                 const models::RegisterRow& row);

class ValuePatches {
 public:
  ValuePatches(const models::RegisterMap& map, const ActiveFaults& faults);

  bool empty() const { return patches_.empty(); }
  // Overwrites the patched registers among [first, first + registers.size()).
  void apply(models::Space space, std::uint16_t first, std::span<std::uint16_t> registers) const;

 private:
  struct Patch {
    models::Space space;
    std::uint16_t address;
    std::uint16_t value;
  };
  void patch_row(const models::RegisterRow& row, std::span<const std::uint16_t> words);

  std::vector<Patch> patches_;
};

}  // namespace mbh::simulator
