#pragma once
// `mbharness fuzz --map NAME --target HOST[:PORT] [--unit N] [--seed N] [--duration S]
// [--rate N] [--timeout MS] [--out DIR] [--restart-cmd CMD] [--allow-writes]`: malformed and
// model-derived frames against a live device, crashes and hangs saved as replay files.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

struct FuzzCommandOptions {
  std::string map;
  std::string target;
  std::optional<unsigned> unit;       // default: the map's first unit id
  std::optional<std::uint64_t> seed;  // default: a fresh one, printed
  unsigned duration_s = 60;           // 0: until interrupted
  double rate = 0;
  unsigned timeout_ms = 1000;
  std::string out = "findings";
  std::string restart_cmd;
  unsigned restart_wait_s = 30;
  bool allow_writes = false;
};

void setup_fuzz(CLI::App& app, FuzzCommandOptions& options);

// 0 no finding, 1 finding(s), 2 usage, 3 unreachable at the start, 130 interrupted.
int run_fuzz(const FuzzCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
