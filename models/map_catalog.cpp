#include "models/map_catalog.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <vector>

#include "models/builtin_maps.hpp"

namespace mbh::models {
namespace {

bool contains(const RegisterRow& row, std::uint16_t address) {
  // Widened so a row ending at 0xFFFF cannot wrap.
  const std::size_t first = row.address;
  return address >= first && address < first + row.type.register_count();
}

// Rows of a space do not overlap (a test of every map; the map loader refuses overlaps): only
// the last row starting at or before `address` can contain it.
const RegisterRow* last_row_containing(std::span<const RegisterRow* const> rows,
                                       std::uint16_t address) {
  const auto after = std::ranges::upper_bound(rows, address, {},
                                              [](const RegisterRow* row) { return row->address; });
  if (after == rows.begin()) return nullptr;
  const RegisterRow* row = *std::prev(after);
  return contains(*row, address) ? row : nullptr;
}

// The index points into these rows, and not into those of the map a copy was made from before
// its rows were replaced.
bool indexes(std::span<const RegisterRow> rows, std::span<const RegisterRow* const> sorted) {
  const std::less<const RegisterRow*> before;
  return !rows.empty() && !before(sorted.front(), rows.data()) &&
         before(sorted.front(), rows.data() + rows.size());
}

}  // namespace

std::span<const RegisterMap* const> all_maps() {
  return builtin_maps();
}

const RegisterMap* find_map(std::string_view id) {
  for (const RegisterMap* map : builtin_maps()) {
    if (map->id == id) return map;
  }
  return nullptr;
}

const RegisterRow* row_at(const RegisterMap& map, Space space, std::uint16_t address) {
  if (const auto& sorted = map.rows_by_address.at(static_cast<std::size_t>(space));
      !sorted.empty() && indexes(map.rows, sorted)) {
    return last_row_containing(sorted, address);
  }
  // A map not loaded from a file (tests build their own), or a space it has no row in.
  for (const RegisterRow& row : map.rows) {
    if (row.space == space && contains(row, address)) return &row;
  }
  return nullptr;
}

std::optional<Level> level_of(const RegisterMap& map, RuleId rule) {
  return level_in(map.rules, rule);
}

const Block* block_of(const RegisterMap& map, Space space, std::uint16_t address) {
  for (const Block& block : map.blocks) {
    if (block.space == space && address >= block.first && address <= block.last) return &block;
  }
  return nullptr;
}

}  // namespace mbh::models
