#pragma once
// One request PDU to one device, answered in the order of the specification's state diagrams
// (MODBUS-PDU.md, RULES.md R-QUANTITY): function code (else 01), quantity and byte count (else
// 03), address (else 02), then the operation (a write's value, else 03; the device's own
// refusal, else 04). Faults from the catalogue bend the answer where they say.
#include <cstddef>
#include <span>

#include "harness/simulator/active_faults.hpp"
#include "harness/simulator/device.hpp"

namespace mbh::simulator {

// Writes the response PDU into `out` (room for codec::kMaxPduSize bytes) and returns its size.
// Never allocates; any PDU, however malformed, gets an answer.
std::size_t answer_request(Device& device, std::span<const std::byte> pdu,
                           const ActiveFaults& faults, std::span<std::byte> out);

}  // namespace mbh::simulator
