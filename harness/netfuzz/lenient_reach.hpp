#pragma once
// Where a write-shaped request would write on a device that skips the protocol's checks (the
// byte count, the quantity limits, the PDU length): the generator's invalid writes must miss
// every register the model marks writable, so that a lenient device executing one anyway
// changes nothing that matters. Coils are left out: none of the maps has any.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "models/register_map.hpp"

namespace mbh::netfuzz {

struct LenientReach {
  std::uint16_t first = 0;
  std::uint32_t count = 0;  // registers from `first`, wrapping past 65535 as 16-bit sums do
};

// FC 06, 16, 22, 23 with an address field: from that address, the larger of the quantity (up
// to the function's limit) and the registers the values carried would fill. Else nothing.
std::optional<LenientReach> lenient_reach(std::span<const std::byte> pdu);

// Whether the PDU's lenient reach holds no holding register the model marks read-write.
bool misses_writable_registers(const models::RegisterMap& map, std::span<const std::byte> pdu);

// Whether the model marks the holding register read-write.
bool model_writable(const models::RegisterMap& map, std::uint16_t address);

}  // namespace mbh::netfuzz
