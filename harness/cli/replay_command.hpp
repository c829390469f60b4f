#pragma once
// `mbharness replay FILE --target HOST[:PORT] [--timeout MS] [--allow-writes] [--pcap FILE]`:
// sends a finding saved by `mbharness fuzz` again and says whether the device still fails.
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

struct ReplayCommandOptions {
  std::string file;
  std::string target;
  unsigned timeout_ms = 1000;
  bool allow_writes = false;
  std::string pcap;   // a capture of the traffic; "": none
  std::string map;    // the map (an id or a map file) in place of the one the file names; "": its
  bool json = false;  // the result as one JSON object on stdout
};

void setup_replay(CLI::App& app, ReplayCommandOptions& options);

// 1 the same kind of failure again, 0 not, 2 bad file or usage, 3 unreachable, 130 interrupted.
int run_replay(const ReplayCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
