#pragma once
// The options that name a device on every subcommand that talks to one by its map: --map,
// --target and --unit, with the same help and checks everywhere.
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

void add_device_options(CLI::App& sub, std::string& map, std::string& target,
                        std::optional<unsigned>& unit);

}  // namespace mbh::cli
