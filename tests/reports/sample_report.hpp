#pragma once
// Run reports built by hand for the report writers' tests: one check of every kind a report
// must render (pass, fail with frames, warn, skip, either, no response, a garbage response,
// a hostile message), a write restored and one not.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "conformance/run_report.hpp"
#include "harness/codec/pdu_types.hpp"

namespace mbh::reports::testing {

// A message quoting a hostile device: XML's five specials, an ANSI escape (ESC), a NUL and
// a byte that is not UTF-8.
inline constexpr char kHostileMessage[] =
    "bit 27 set in Battery Status <&\"'> \x1b[31mred\x1b[0m nul\x01 bad\xff";

std::vector<std::byte> frame(std::uint16_t transaction, std::uint8_t unit,
                             const codec::Request& request);
std::vector<std::byte> frame(std::uint16_t transaction, std::uint8_t unit,
                             const codec::Response& response);

// conext-bms at 127.0.0.1:5020, unit 230, seed 42, not strict. In order: a pass, a fail
// with both frames (R-GAP), the hostile warn (R-BITS), a skip (R-READBACK), an either with
// no response (R-UNIT), a fail whose response has the wrong transaction id (R-MBAP), a fail
// whose response is garbage (R-FUNCTION), a fail with no response (R-VALID-READ); a write
// restored and one not. Its exit status is 4 (a value not restored).
conformance::RunReport sample_report();

// sample_report() under --expect "known.txt": the gap failure known (line 2, "vendor ticket
// 12"), and line 5 "R-ENUM holding 68" matching nothing (xpass). Writes restored.
conformance::RunReport sample_report_expected();

// sample_report() with both writes restored: exit status 1 (MUST violations).
conformance::RunReport sample_report_restored();

// The R-GAP failure's frames, for asserting they are shown.
std::vector<std::byte> gap_request();
std::vector<std::byte> gap_response();
inline constexpr char kGapReproduce[] =
    "mbharness send --target 127.0.0.1:5020 000700000006E6039C640002";

}  // namespace mbh::reports::testing
