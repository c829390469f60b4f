#include "models/map_catalog.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <vector>

#include "models/conext_ags.hpp"
#include "models/conext_bms.hpp"
#include "models/enapter_el21.hpp"

namespace mbh::models {
namespace {

// Built on first use, so no other translation unit's static initialization can see it empty.
const std::array<const RegisterMap*, 3>& catalog() {
  static const std::array<const RegisterMap*, 3> maps{&conext_bms_map(), &conext_ags_map(),
                                                      &enapter_el21_map()};
  return maps;
}

// Each catalogue map's rows per space in address order, for row_at: the simulator and the
// oracle look up every register of every request, and a scan of a map's rows was the largest
// share of the simulator's own time per request. Keyed by the rows' storage, which copies of
// a RegisterMap share.
struct RowIndex {
  const RegisterRow* rows = nullptr;
  std::array<std::vector<const RegisterRow*>, 2> by_space;  // Space::kHolding, Space::kInput
};

const std::vector<RowIndex>& row_indexes() {
  static const std::vector<RowIndex> indexes = [] {
    std::vector<RowIndex> built;
    for (const RegisterMap* map : catalog()) {
      RowIndex index;
      index.rows = map->rows.data();
      for (const RegisterRow& row : map->rows)
        index.by_space.at(static_cast<std::size_t>(row.space)).push_back(&row);
      for (auto& rows : index.by_space) {
        std::ranges::stable_sort(rows, {}, [](const RegisterRow* row) { return row->address; });
      }
      built.push_back(std::move(index));
    }
    return built;
  }();
  return indexes;
}

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

}  // namespace

std::span<const RegisterMap* const> all_maps() {
  return catalog();
}

const RegisterMap* find_map(std::string_view id) {
  for (const RegisterMap* map : catalog()) {
    if (map->id == id) return map;
  }
  return nullptr;
}

const RegisterRow* row_at(const RegisterMap& map, Space space, std::uint16_t address) {
  if (const auto& sorted = map.rows_by_address.at(static_cast<std::size_t>(space));
      !sorted.empty()) {
    return last_row_containing(sorted, address);
  }
  for (const RowIndex& index : row_indexes()) {
    if (index.rows != map.rows.data()) continue;
    return last_row_containing(index.by_space.at(static_cast<std::size_t>(space)), address);
  }
  // A map from outside the catalogue (tests build their own): scanned.
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
