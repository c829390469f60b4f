#pragma once
// One small change to a request PDU, as mutation fuzzers make to inputs worth exploring: a bit
// flipped, a 16-bit field (address, quantity, value) set to a boundary value or moved by one, a
// byte set to an interesting value, the byte count made to agree with the data or not, the PDU
// cut or lengthened, the function changed, a splice with another PDU. Deterministic from the
// generator passed in.
#include <random>
#include <span>

#include "harness/netfuzz/function_requests.hpp"

namespace mbh::netfuzz {

// `donor`: another PDU to splice with (may be empty). The result is never empty nor longer
// than 260 bytes.
Pdu mutate_pdu(std::span<const std::byte> pdu, std::span<const std::byte> donor,
               std::mt19937_64& rng);

}  // namespace mbh::netfuzz
