#pragma once
// What one conformance run found: every check in the order it was made, every register the
// run wrote, and how the run ended. The suites fill it; the reports (reports/) render it;
// exit_status_of() turns it into INTERFACE.md's exit status. Plain data.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/expectation.hpp"
#include "models/register_map.hpp"
#include "models/rule_table.hpp"

namespace mbh::conformance {

struct CheckRecord {
  models::RuleId rule;
  models::Level level;
  models::Status status;
  std::string name;  // short and stable, unique within its rule: "read 40000..40001"
  std::optional<models::Space> space;    // of `address`
  std::optional<std::uint16_t> address;  // the protocol address it concerns, if one
  std::string message;                   // one readable sentence: expected against observed
  std::vector<std::byte> request;        // the Modbus TCP frame (ADU) sent; empty: none
  std::optional<std::vector<std::byte>> response;  // the frame received; nullopt: none came
  std::string reproduce;  // a command line that sends the request again ("" when none)
  std::chrono::microseconds elapsed{0};
};

struct WriteRecord {
  models::Space space = models::Space::kHolding;
  std::uint16_t address = 0;
  std::string name;                     // the row's name in the document
  std::vector<std::uint16_t> original;  // raw registers before the run wrote
  std::vector<std::uint16_t> written;   // the last raw value the run wrote
  bool restored = false;                // original read back after restoring
  std::string note;  // why not restored, or how ("through the configuration sequence")
};

struct RunOptionsSummary {
  bool strict = false;
  bool read_only = false;
  bool allow_actuation = false;
  bool allow_destructive = false;
  std::vector<models::RuleId> only;  // empty: every rule
  std::chrono::milliseconds timeout{1000};
  double rate = 0;  // requests per second; 0: no cap
};

struct RunReport {
  std::string version;  // mbharness version
  std::string map;      // "conext-bms"
  std::string target;   // "127.0.0.1:5020"
  std::uint8_t unit = 0;
  std::uint64_t seed = 0;
  RunOptionsSummary options;
  std::vector<CheckRecord> checks;
  std::vector<WriteRecord> writes;
  std::uint64_t requests_sent = 0;
  std::string started;  // when the run started, UTC: "2026-12-06T14:20:00Z"
  std::chrono::microseconds duration{0};
  bool unreachable = false;  // could not connect, or the connection broke before any check ran
  bool interrupted = false;  // SIGINT/SIGTERM/SIGHUP: the run stopped early (after restoring)
  std::optional<std::string> stopped;  // why the run ended early, when it did
  std::string journal;                 // the write journal's path ("" when none was opened)
  std::string sequence_note;        // how a configuration sequence left open was closed, if one was
  bool sequence_left_open = false;  // ... and could not be: counts as not restored
  bool restore_interrupted = false;  // a second signal ended the restore
  bool complete = false;             // false in a report written while the run goes on
};

// Whether something the run changed is not back (a value, or an open configuration sequence).
bool left_changed(const RunReport& report);

struct Summary {
  std::size_t pass = 0;
  std::size_t fail = 0;
  std::size_t warn = 0;
  std::size_t skip = 0;
  std::size_t either = 0;
};

Summary summarise(const RunReport& report);

// INTERFACE.md: 4 a value not restored (before anything else: the device is not as it was),
// 130 interrupted, 3 unreachable, 1 a MUST violation (or under --strict a SHOULD one), else 0.
int exit_status_of(const RunReport& report);

}  // namespace mbh::conformance
