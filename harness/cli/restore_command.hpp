#pragma once
// `mbharness restore JOURNAL [--target HOST[:PORT]] [--unit N] [--timeout MS]`: puts back what
// a run's write journal holds as not restored (INTERFACE.md "Write journal and restore"): an
// open configuration sequence rolled back, then every register through the journal's steps,
// read back and compared, each outcome appended to the journal, so that running it twice is
// safe. Exit 0 all back, 4 some not (listed), 3 the device unreachable, 2 not a journal.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

struct RestoreOptions {
  std::string journal;
  std::string target;            // "": the journal's
  std::optional<unsigned> unit;  // default: the journal's
  unsigned timeout_ms = 1000;
  std::string version;  // set by main
};

void setup_restore(CLI::App& app, RestoreOptions& options);
int run_restore(const RestoreOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
