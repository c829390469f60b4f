#pragma once
// `mbharness maps [NAME] [--json]`: the register maps the harness knows; with a name, the
// model row by row, to hold against the vendor's document.
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

struct MapsOptions {
  std::optional<std::string> name;  // a map id; none lists the maps
  bool json = false;
};

void setup_maps(CLI::App& app, MapsOptions& options);

// Prints the list or the model; kUsage (with a message on `err`) for an unknown map.
int run_maps(const MapsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
