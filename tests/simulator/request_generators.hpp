#pragma once
// rapidcheck generators of requests to one device, aimed at where devices go wrong: the edges
// of every block and row (gaps, split values, boundaries), writable and read-only rows with
// listed and unlisted values, functions the device lacks, other unit ids, malformed PDUs.
#include <rapidcheck.h>

#include "models/register_map.hpp"
#include "simulator_exchange.hpp"

namespace mbh::simulator::testing {

// Any request to the device that serves `map` on its first unit id.
rc::Gen<SentRequest> request_gen(const models::RegisterMap& map);

}  // namespace mbh::simulator::testing
