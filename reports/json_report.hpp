#pragma once
// INTERFACE.md's JSON report (`conform --json FILE`): the fields scripts rely on, in a
// reading order, plus `verdict`, `exit_status`, `options` and timings.
//
// Frames are hex strings, uppercase, no separators ("0001000000060603..."), the whole Modbus
// TCP frame (MBAP header included). `request`, `response` and `reproduce` appear on exactly
// the checks whose status is fail, warn or either; `response` is null when none came, and
// `request` is "" for a check that sent nothing. Every string is valid UTF-8: bytes of an
// invalid sequence (a device's, quoted in a message) are written as "\xNN".
#include <string>

#include <nlohmann/json.hpp>

#include "conformance/run_report.hpp"

namespace mbh::reports {

nlohmann::ordered_json json_report(const conformance::RunReport& report);

// json_report() indented by two spaces, through write_report_file(): throws
// std::runtime_error naming the path when it cannot be written.
void write_json_report(const conformance::RunReport& report, const std::string& path);

}  // namespace mbh::reports
