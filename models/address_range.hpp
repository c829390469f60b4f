#pragma once
// What a request's address range [first, first + quantity) touches in a map: gaps, values it
// splits, block boundaries it crosses. Pure; the oracle turns this into expectations and the
// simulator into answers.
#include <cstdint>
#include <optional>

#include "models/register_map.hpp"

namespace mbh::models {

struct RangeAnalysis {
  // The first address in the range that no row defines (a gap, or past the map's end).
  std::optional<std::uint32_t> gap;
  // A row the range starts or ends inside of, split into a uint32/sint32 (R-PARTIAL-32)...
  const RegisterRow* split_32 = nullptr;
  // ... or into any other multi-register value (R-PARTIAL-OTHER).
  const RegisterRow* split_other = nullptr;
  // The two blocks either side of a boundary the range crosses (only when it touches no gap).
  const Block* crossed_from = nullptr;
  const Block* crossed_to = nullptr;

  bool clean() const { return !gap && !split_32 && !split_other && !crossed_from; }
};

// `quantity` may be anything (0 gives an empty range that touches nothing).
RangeAnalysis analyse_range(const RegisterMap& map, Space space, std::uint16_t first,
                            std::uint32_t quantity);

bool is_32_bit_integer(const RegisterRow& row);

}  // namespace mbh::models
