#include "conformance/register_requests.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "harness/codec/protocol_limits.hpp"
#include "models/model_text.hpp"
#include "models/oracle.hpp"

namespace mbh::conformance {

using models::Space;

std::vector<const models::RegisterRow*> rows_of(const models::RegisterMap& map, Space space) {
  std::vector<const models::RegisterRow*> rows;
  for (const auto& row : map.rows) {
    if (row.space == space) rows.push_back(&row);
  }
  std::ranges::stable_sort(rows, {}, &models::RegisterRow::address);
  return rows;
}

std::vector<ReadRange> block_reads(const models::RegisterMap& map, const models::Block& block) {
  std::vector<ReadRange> reads;
  std::uint32_t start = block.first;
  std::uint32_t end = block.first;  // one past the rows taken so far
  for (const models::RegisterRow* row : rows_of(map, block.space)) {
    if (row->address < block.first || row->address > block.last) continue;
    const auto row_end = static_cast<std::uint32_t>(row->address + row->type.register_count());
    if (row_end - start > codec::kMaxReadRegisters && end > start) {
      reads.push_back({block.space, static_cast<std::uint16_t>(start),
                       static_cast<std::uint16_t>(end - start)});
      start = row->address;
    }
    end = row_end;
  }
  if (end > start) {
    reads.push_back(
        {block.space, static_cast<std::uint16_t>(start), static_cast<std::uint16_t>(end - start)});
  }
  return reads;
}

codec::Request read_request(Space space, std::uint16_t first, std::uint16_t quantity) {
  if (space == Space::kInput) return codec::ReadInputRegistersRequest{first, quantity};
  return codec::ReadHoldingRegistersRequest{first, quantity};
}

codec::Request read_request(const ReadRange& range) {
  return read_request(range.space, range.first, range.quantity);
}

codec::Request write_request(const models::RegisterMap& map, std::uint16_t address,
                             std::span<const std::uint16_t> values, bool multiple) {
  if (!models::implements(map, 0x10)) multiple = false;
  if (!models::implements(map, 0x06)) multiple = true;
  if (values.size() == 1 && !multiple) {
    return codec::WriteSingleRegisterRequest{address, values.front()};
  }
  codec::WriteMultipleRegistersRequest request{address, {}};
  request.values.assign(values.begin(), values.end());
  return request;
}

std::string range_name(Space space, std::uint16_t first, std::uint32_t quantity) {
  if (quantity == 1) return fmt::format("{} {}", models::space_name(space), first);
  if (quantity == 0) return fmt::format("{} {} (quantity 0)", models::space_name(space), first);
  return fmt::format("{} {}..{}", models::space_name(space), first,
                     std::uint32_t{first} + quantity - 1);
}

}  // namespace mbh::conformance
