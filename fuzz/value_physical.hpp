#pragma once
// fuzz_values' properties of the physical path, physical = raw x scale + offset (RULES.md),
// judged against the same arithmetic done in long double (11 more bits than the double the
// code uses), with margins wide enough for the double's rounding and no wider.
#include "harness/codec/values/data_type.hpp"
#include "harness/codec/values/value_decoders.hpp"

namespace mbh::fuzz {

// Any physical value, scale and offset: from_physical either fails with the error its
// contract names or stores a raw within half a step (plus rounding) of (physical - offset) /
// scale; never a wrapped value, never infinity for a finite physical value.
void check_physical_value(codec::DataType type, double physical, double scale, double offset);

// A decoded raw through to_physical and back: the above, and the raw itself comes back
// wherever the double arithmetic is provably fine enough for it.
void check_physical_round_trip(codec::DataType type, const codec::Value& raw, double scale,
                               double offset);

}  // namespace mbh::fuzz
