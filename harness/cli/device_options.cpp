#include "harness/cli/device_options.hpp"

#include <CLI/CLI.hpp>

#include "harness/cli/map_argument.hpp"

namespace mbh::cli {

void add_device_options(CLI::App& sub, std::string& map, std::string& target,
                        std::optional<unsigned>& unit) {
  sub.add_option("--map", map, map_argument_help())->required();
  sub.add_option("--target", target, "HOST[:PORT] (port 502 by default; [::1]:5020)")->required();
  sub.add_option("--unit", unit, "the device's unit id (default: the map's first)")
      ->check(CLI::Range(0U, 255U));
}

}  // namespace mbh::cli
