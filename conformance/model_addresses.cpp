#include "conformance/model_addresses.hpp"

#include <algorithm>

#include "conformance/register_requests.hpp"
#include "models/map_catalog.hpp"

namespace mbh::conformance {

using models::Space;

bool has_space(const models::RegisterMap& map, Space space) {
  return std::ranges::any_of(map.rows, [space](const auto& r) { return r.space == space; });
}

const models::RegisterRow* first_row(const models::RegisterMap& map, Space space) {
  const auto rows = rows_of(map, space);
  return rows.empty() ? nullptr : rows.front();
}

std::vector<AddressGap> gaps_of(const models::RegisterMap& map, Space space) {
  std::vector<AddressGap> gaps;
  const auto rows = rows_of(map, space);
  if (rows.empty()) return gaps;
  if (rows.front()->address > 0) {
    const auto a = static_cast<std::uint16_t>(rows.front()->address - 1);
    gaps.push_back({space, a, a, nullptr, rows.front()});
  }
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    const auto end = static_cast<std::uint32_t>(rows[i]->address + rows[i]->type.register_count());
    if (end < rows[i + 1]->address) {
      gaps.push_back({space, static_cast<std::uint16_t>(end),
                      static_cast<std::uint16_t>(rows[i + 1]->address - 1), rows[i], rows[i + 1]});
    }
  }
  const auto end =
      static_cast<std::uint32_t>(rows.back()->address + rows.back()->type.register_count());
  if (end <= 0xFFFF) {
    const auto a = static_cast<std::uint16_t>(end);
    gaps.push_back({space, a, a, rows.back(), nullptr});
  }
  return gaps;
}

std::uint16_t unused_holding_address(const models::RegisterMap& map) {
  const auto gaps = gaps_of(map, Space::kHolding);
  if (!gaps.empty()) return gaps.back().first;
  return 0;
}

}  // namespace mbh::conformance
