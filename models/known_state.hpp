#pragma once
// What a client knows a device holds after its writes were accepted (RULES.md R-READBACK,
// R-CONFIG): accepted writes are committed, or staged inside a configuration sequence (Enapter's);
// the clock and the configuration commands are not tracked. The oracle reads it back.
#include "harness/codec/pdu_types.hpp"
#include "models/expectation.hpp"
#include "models/register_map.hpp"

namespace mbh::models {

// Whether `address` (holding) is a configuration register of the map's sequence, written only
// between Configuration Begin and Commit.
bool is_configuration_register(const RegisterMap& map, std::uint16_t address);

// Updates `state` with what `request` did, when `response` accepted it.
void remember(const RegisterMap& map, const codec::Request& request,
              const codec::Response& response, KnownState& state);

}  // namespace mbh::models
