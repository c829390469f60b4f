#include "reports/run_verdict.hpp"

#include <algorithm>

namespace mbh::reports {

std::string_view verdict_text(const conformance::RunReport& report) {
  switch (conformance::exit_status_of(report)) {
    case 0:
      return "PASS";
    case 1: {
      // Status 1 without a fail can only come from warnings counted under --strict.
      const bool failed = std::ranges::any_of(
          report.checks, [](const auto& check) { return check.status == models::Status::kFail; });
      return failed ? "FAIL (MUST violations)" : "FAIL (SHOULD violations under --strict)";
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
