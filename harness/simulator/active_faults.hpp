#pragma once
// The faults a simulator runs with, as flags and values read once at construction, so that the
// request path tests a bool rather than looking up names.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "harness/simulator/bug_classes.hpp"
#include "harness/simulator/fault_catalogue.hpp"

namespace mbh::simulator {

struct ActiveFaults {
  // Answers (request_answerer.cpp)
  bool short_read = false;
  bool partial_32_data = false;
  bool partial_other_04 = false;
  bool gap_zeros = false;
  bool boundary_04 = false;
  bool quantity_accepted = false;
  bool function_answered = false;
  bool write_not_stored = false;
  bool readonly_write_stored = false;
  // Framing (simulator.cpp)
  bool tid_not_echoed = false;
  bool mbap_length_wrong = false;
  bool exception_flag_missing = false;
  bool wrong_unit_answered = false;
  std::optional<std::uint32_t> duplicate_every;    // duplicate-answer[=N]
  std::optional<std::uint32_t> unsolicited_every;  // unsolicited-frame[=N]
  // Values (value_faults.cpp)
  bool enum_out_of_range = false;
  bool undefined_bit = false;
  bool unknown_event_code = false;
  bool sunspec_marker_wrong = false;
  bool sunspec_length_wrong = false;
  bool device_model_wrong = false;
  bool percent_over_100 = false;
  // Enapter configuration sequence (enapter_configuration.cpp)
  bool config_commit_refused = false;
  bool config_outside_applies = false;
  // Transport
  std::optional<std::chrono::milliseconds> slow;
  std::optional<std::uint32_t> drop_every;
  bool silence = false;
  bool truncate = false;
  bool drop_invalid = false;
  // Fuzz targets: PDU prefixes
  std::vector<std::vector<std::byte>> crash_on;
  std::vector<std::vector<std::byte>> hang_on;
  std::vector<std::vector<std::byte>> fail_on;            // answered with exception 04
  std::vector<std::vector<std::byte>> slow_on;            // answered kSlowOnDelay late
  std::vector<std::vector<std::byte>> wrong_function_on;  // answered as the next function
  std::vector<std::vector<std::byte>> wrong_unit_on;      // answered from the next unit id
  std::vector<const BugClass*> bugs;                      // bug=CLASS
  bool split_header = false;                 // a header in pieces aborts (server_connection)
  bool foreign_protocol_answered = false;    // protocol id not 0 answered (server_connection)
  bool slow_byte_crash = false;              // a byte 1 s after the last in a frame aborts
  std::uint32_t connections_hang_above = 0;  // hangs past this many connections; 0: never
};

// Throws std::invalid_argument for a spec parse_fault() would not give: no info, or an argument
// that is missing, unexpected or malformed.
ActiveFaults activate(std::span<const FaultSpec> faults);

}  // namespace mbh::simulator
