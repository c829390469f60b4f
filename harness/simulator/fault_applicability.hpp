#pragma once
// Whether a fault can change anything on the maps a simulator serves: a map file may have no
// enumerated read-only row, no event array, no SunSpec structure, no configuration sequence.
// A fault that changes nothing would let a test that should fail pass, so it is refused.
#include <optional>
#include <span>
#include <string>

#include "harness/simulator/fault_catalogue.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

// Why `fault` changes nothing on any of `maps` ("needs a read-only enumerated register: none of
// energy-meter has one"), or nothing where it applies to at least one.
std::optional<std::string> why_fault_does_not_apply(
    const FaultInfo& fault, std::span<const models::RegisterMap* const> maps);

}  // namespace mbh::simulator
