#pragma once
// `mbharness conform`: checks a device against its map's model and RULES.md, restores what it
// changed, prints the report and writes it as JSON, JUnit XML and HTML when asked.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

struct ConformCommandOptions {
  std::string map;
  std::string target;
  std::optional<unsigned> unit;       // default: the map's first unit id
  std::optional<std::uint64_t> seed;  // default: a fresh one, printed
  std::optional<std::string> only;    // "R-GAP,R-UNIT"
  unsigned timeout_ms = 1000;
  double rate = 0;
  bool strict = false;
  bool read_only = false;
  bool allow_actuation = false;
  bool allow_destructive = false;
  std::string json;
  std::string junit;
  std::string html;          // one self-contained page (reports/html_report.hpp); "": none
  std::string expect;        // known deviations: these failures are xfail (INTERFACE.md)
  std::string write_expect;  // write the run's failures and warnings as such a file
  std::string journal;       // "": a new mbharness-journal-... file in the current directory
  bool verbose = false;
  std::optional<bool> progress;  // the progress line on stderr; default: when it is a terminal
  bool plan = false;             // list the writes the run would make, write nothing
  std::size_t random_reads = 200;
  std::string pcap;     // a capture of the traffic; "": none
  std::string version;  // set by main: the build's version
};

void setup_conform(CLI::App& app, ConformCommandOptions& options);

// INTERFACE.md's exit statuses: 0, 1, 2 (usage), 3 (unreachable), 4 (not restored), 130.
int run_conform(const ConformCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
