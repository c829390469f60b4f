#include "models/map_catalog.hpp"

#include <array>
#include <cstddef>

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
  // Widened so a row ending at 0xFFFF cannot wrap.
  const std::size_t wanted = address;
  for (const RegisterRow& row : map.rows) {
    if (row.space != space) continue;
    const std::size_t first = row.address;
    if (wanted >= first && wanted < first + row.type.register_count()) return &row;
  }
  return nullptr;
}

const Block* block_of(const RegisterMap& map, Space space, std::uint16_t address) {
  for (const Block& block : map.blocks) {
    if (block.space == space && address >= block.first && address <= block.last) return &block;
  }
  return nullptr;
}

}  // namespace mbh::models
