#pragma once
// `mbharness simulate`: the bundled devices over Modbus TCP until SIGINT or SIGTERM, faults
// switched on by name, so the harness (or any client) has something to run against.
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mbh::cli {

struct SimulateOptions {
  std::vector<std::string> maps;  // "NAME" or "NAME@UNIT"; none: all three, on their first units
  std::string bind = "127.0.0.1";
  std::uint16_t port = 5020;        // 0: a free port, shown on the listening line
  std::vector<std::string> faults;  // "NAME" or "NAME=ARG"
  std::uint64_t seed = 1;
  bool list_faults = false;
  std::size_t max_connections = 2048;
  double idle_timeout = 60.0;  // seconds; 0: never
};

void setup_simulate(CLI::App& app, SimulateOptions& options);

// Serves until SIGINT or SIGTERM, then kOk. Prints `listening on ADDR:PORT` on `out` once it
// accepts. kUsage for an unknown map, unit or fault or a malformed address; kUnreachable when
// the address cannot be bound. With list_faults, prints the catalogue and returns kOk.
int run_simulate(const SimulateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
