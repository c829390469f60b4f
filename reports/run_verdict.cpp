#include "reports/run_verdict.hpp"

#include <algorithm>

namespace mbh::reports {

std::string_view verdict_text(const conformance::RunReport& report) {
  switch (conformance::exit_status_of(report)) {
    case 0:
      return "PASS";
    case 1: {
      const bool failed = std::ranges::any_of(report.checks, [](const auto& check) {
        return conformance::unexpected(check, models::Status::kFail);
      });
      if (failed) return "FAIL (MUST violations)";
      const bool warned = std::ranges::any_of(report.checks, [](const auto& check) {
        return conformance::unexpected(check, models::Status::kWarn);
      });
      // Status 1 without an unexpected fail or warn comes from --expect lines that matched none.
      return warned && report.options.strict ? "FAIL (SHOULD violations under --strict)"
                                             : "FAIL (known deviations no longer seen: xpass)";
    }
    case 3:
      return "UNREACHABLE";
    case 4:
      return "NOT RESTORED";
    case 130:
      return "INTERRUPTED";
    default:
      return "UNKNOWN";
  }
}

}  // namespace mbh::reports
