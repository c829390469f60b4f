#include "models/address_range.hpp"

#include "models/map_catalog.hpp"

namespace mbh::models {

bool is_32_bit_integer(const RegisterRow& row) {
  return row.type.kind == codec::ValueKind::kUint32 || row.type.kind == codec::ValueKind::kSint32;
}

namespace {

void note_split(RangeAnalysis& analysis, const RegisterRow& row) {
  if (is_32_bit_integer(row)) {
    if (analysis.split_32 == nullptr) analysis.split_32 = &row;
  } else if (analysis.split_other == nullptr) {
    analysis.split_other = &row;
  }
}

}  // namespace

RangeAnalysis analyse_range(const RegisterMap& map, Space space, std::uint16_t first,
                            std::uint32_t quantity) {
  RangeAnalysis analysis;
  if (quantity == 0) return analysis;
  const std::uint32_t end = std::uint32_t{first} + quantity;  // one past the last
  const Block* previous_block = nullptr;
  for (std::uint32_t address = first; address < end; ++address) {
    if (address > 0xFFFF) {
      analysis.gap = address;
      break;
    }
    const auto at = static_cast<std::uint16_t>(address);
    const RegisterRow* row = row_at(map, space, at);
    if (row == nullptr) {
      if (!analysis.gap) analysis.gap = address;
      continue;
    }
    const Block* block = block_of(map, space, at);
    if (previous_block != nullptr && block != previous_block && analysis.crossed_from == nullptr) {
      analysis.crossed_from = previous_block;
      analysis.crossed_to = block;
    }
    previous_block = block;
  }
  // Splits happen only at the two ends: a row whose extent starts before `first`, or ends
  // after the last address.
  if (const RegisterRow* row = row_at(map, space, first); row != nullptr && row->address < first) {
    note_split(analysis, *row);
  }
  if (end - 1 <= 0xFFFF) {
    const auto last = static_cast<std::uint16_t>(end - 1);
    if (const RegisterRow* row = row_at(map, space, last);
        row != nullptr && std::uint32_t{row->address} + row->type.register_count() > end) {
      note_split(analysis, *row);
    }
  }
  if (analysis.gap) analysis.crossed_from = analysis.crossed_to = nullptr;  // R-GAP decides
  return analysis;
}

}  // namespace mbh::models
