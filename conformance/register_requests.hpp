#pragma once
// The requests the suites build from a model: reads of whole rows, chunked to the protocol's
// limit, and writes of one row.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "harness/codec/pdu_types.hpp"
#include "models/register_map.hpp"

namespace mbh::conformance {

struct ReadRange {
  models::Space space;
  std::uint16_t first;
  std::uint16_t quantity;
};

// A block read in as few requests as the 125-register limit allows, each cut between rows.
std::vector<ReadRange> block_reads(const models::RegisterMap& map, const models::Block& block);

codec::Request read_request(models::Space space, std::uint16_t first, std::uint16_t quantity);
codec::Request read_request(const ReadRange& range);

// FC 06 for one register (unless `multiple`), FC 16 otherwise; where the map's device lacks
// one of the two (the map's `functions`), the other one.
codec::Request write_request(const models::RegisterMap& map, std::uint16_t address,
                             std::span<const std::uint16_t> values, bool multiple = false);

// The rows of one space, in address order.
std::vector<const models::RegisterRow*> rows_of(const models::RegisterMap& map,
                                                models::Space space);

// "holding 40000..40001", "input 768"
std::string range_name(models::Space space, std::uint16_t first, std::uint32_t quantity);

}  // namespace mbh::conformance
