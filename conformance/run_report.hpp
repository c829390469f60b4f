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

// A line of a known-deviations file (--expect) that a failing or warning check matched.
struct KnownDeviation {
  std::size_t line = 0;  // 1-based, in the file
  std::string text;      // the line as written, reason and all
  std::string reason;    // what follows '#', trimmed ("" when none)
};

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
  // Stable across runs and seeds, unique within the report, no spaces, never "R-...":
  // "partial-other.manufacturer-name-holding-40004-read-starting-inside" (check_id.hpp).
  std::string id;
  // Set when --expect names this failure or warning: the check is `xfail`, not failing.
  std::optional<KnownDeviation> known;
};

// The status a report shows: "xfail" for a known deviation, else the oracle's status.
std::string_view status_text(const CheckRecord& check);
// A fail or warn that no known deviation covers.
bool unexpected(const CheckRecord& check, models::Status status);

struct WriteRecord {
  models::Space space = models::Space::kHolding;
  std::uint16_t address = 0;
  std::string name;                     // the row's name in the document
  std::vector<std::uint16_t> original;  // raw registers before the run wrote
  std::vector<std::uint16_t> written;   // the last raw value the run wrote
  bool restored = false;                // original read back after restoring
  std::string note;  // why not restored, or how ("through the configuration sequence")
  // The two values as the readout shows them ("50 %", "Auto (2)"); "" when not decoded.
  std::string original_text = {};
  std::string written_text = {};
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
  std::string expect_file;           // --expect FILE ("" when none)
  // The file's lines that matched no failing or warning check: the device conforms there now.
  std::vector<KnownDeviation> xpass;
};

// Whether something the run changed is not back (a value, or an open configuration sequence).
bool left_changed(const RunReport& report);

struct Summary {
  std::size_t pass = 0;
  std::size_t fail = 0;
  std::size_t warn = 0;
  std::size_t skip = 0;
  std::size_t either = 0;
  std::size_t xfail = 0;  // fails and warns that --expect names (counted in neither)
  std::size_t xpass = 0;  // --expect lines that matched nothing
};

Summary summarise(const RunReport& report);

// INTERFACE.md: 4 a value not restored (before anything else: the device is not as it was),
// 130 interrupted, 3 unreachable, 1 a MUST violation (or under --strict a SHOULD one) that
// --expect does not name, or an --expect line that matched nothing; else 0.
int exit_status_of(const RunReport& report);

}  // namespace mbh::conformance
