#pragma once
// Reading a map's values, as `mbharness read` and the value suite (R-ENUM, R-BITS, R-EVENTS,
// R-IDENTITY, R-RANGE) both do: the reads that cover every block, and what the registers they
// brought say: each row decoded and checked on its own, and SunSpec's model structure across
// rows. Pure: the caller sends the reads.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "conformance/register_requests.hpp"
#include "models/readout.hpp"
#include "models/register_map.hpp"

namespace mbh::conformance {

// One request of the plan: part of one block (all of it where it fits in 125 registers).
struct PlannedRead {
  const models::Block* block;  // into the map's blocks
  ReadRange range;
};

// Every block in the map's order, each in as few reads as the 125-register limit allows, cut
// only where a row starts (block_reads): every row is read whole, exactly once.
std::vector<PlannedRead> plan_reads(const models::RegisterMap& map);

// What one read brought: the registers from range.first on; empty when it brought none.
struct RangeRegisters {
  ReadRange range;
  std::vector<std::uint16_t> registers;
};

// Holding registers read without a gap, from `first`.
struct HoldingRun {
  std::uint16_t first;
  std::vector<std::uint16_t> registers;
};

// The run from the lowest holding address read up to the first address not read: what the
// SunSpec structure checks walk. Nothing when no holding register was read.
std::optional<HoldingRun> first_holding_run(std::span<const RangeRegisters> reads);

struct ValueReadout {
  // Each read's rows, decoded and checked (models::read_out), one list per read in order.
  std::vector<std::vector<models::ReadoutEntry>> entries;
  // models::check_model_structure over first_holding_run; nothing when the map has no model
  // structure or no holding register was read.
  std::optional<std::vector<models::ValueIssue>> structure;
};

ValueReadout read_values(const models::RegisterMap& map, std::span<const RangeRegisters> reads);

}  // namespace mbh::conformance
