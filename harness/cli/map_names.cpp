#include "harness/cli/map_names.hpp"

#include "models/map_catalog.hpp"

namespace mbh::cli {

std::string known_map_ids() {
  std::string ids;
  for (const auto* map : models::all_maps())
    ids += (ids.empty() ? "" : ", ") + std::string(map->id);
  return ids;
}

}  // namespace mbh::cli
