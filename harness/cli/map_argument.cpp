#include "harness/cli/map_argument.hpp"

#include <fmt/format.h>

#include <deque>
#include <memory>

#include "models/map_catalog.hpp"
#include "models/map_file.hpp"

namespace mbh::cli {
namespace {

// Maps read from files during this process: the RegisterMaps handed out point into them.
std::deque<std::unique_ptr<const models::LoadedMap>>& loaded_maps() {
  static std::deque<std::unique_ptr<const models::LoadedMap>> maps;
  return maps;
}

// A built-in id is a word; anything with a slash or ending in .json is a file.
bool looks_like_path(std::string_view argument) {
  return argument.find('/') != std::string_view::npos || argument.ends_with(".json");
}

}  // namespace

std::string known_map_ids() {
  std::string ids;
  for (const auto* map : models::all_maps())
    ids += (ids.empty() ? "" : ", ") + std::string(map->id);
  return ids;
}

std::string map_argument_help() {
  return fmt::format(
      "the device's map: {}, or a map file (JSON in the form `mbharness maps NAME --json` "
      "prints)",
      known_map_ids());
}

Result<const models::RegisterMap*, std::string> resolve_map(std::string_view argument) {
  if (const models::RegisterMap* map = models::find_map(argument)) return map;
  std::error_code ignored;
  if (!looks_like_path(argument) && !std::filesystem::exists(argument, ignored)) {
    return fail(fmt::format("unknown map '{}' (known: {}; or the path of a map file)", argument,
                            known_map_ids()));
  }
  auto loaded = models::load_map_file(std::filesystem::path(argument));
  if (!loaded) return fail("bad map file " + loaded.error().text());
  loaded_maps().push_back(std::move(loaded).value());
  return &loaded_maps().back()->map();
}

}  // namespace mbh::cli
