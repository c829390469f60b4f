#pragma once
// An integer as a row's own registers: what the simulator puts in an enumerated, bitmap or
// fixed row, for its values and for its faults alike.
#include <cstdint>

#include "harness/codec/values/value_encoders.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

// `raw` cut to the row's width, in its word order; rows that are no integer get one word.
codec::RegisterWords integer_words(const models::RegisterRow& row, std::uint64_t raw);

}  // namespace mbh::simulator
