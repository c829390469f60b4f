#pragma once
// The value faults (enum-out-of-range, undefined-bit, unknown-event-code, sunspec-marker-wrong,
// sunspec-length-wrong, device-model-wrong, percent-over-100) as register patches worked out
// once per device: every read of a patched register returns the faulty word, while the
// device's own state stays clean underneath.
#include <cstdint>
#include <span>
#include <vector>

#include "harness/simulator/active_faults.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

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
