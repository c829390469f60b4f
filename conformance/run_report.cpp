#include "conformance/run_report.hpp"

#include <algorithm>

namespace mbh::conformance {

Summary summarise(const RunReport& report) {
  Summary s;
  for (const CheckRecord& check : report.checks) {
    switch (check.status) {
      case models::Status::kPass:
        ++s.pass;
        break;
      case models::Status::kFail:
        ++s.fail;
        break;
      case models::Status::kWarn:
        ++s.warn;
        break;
      case models::Status::kSkip:
        ++s.skip;
        break;
      case models::Status::kEither:
        ++s.either;
        break;
    }
  }
  return s;
}

bool left_changed(const RunReport& report) {
  return report.sequence_left_open ||
         std::ranges::any_of(report.writes, [](const WriteRecord& w) { return !w.restored; });
}

int exit_status_of(const RunReport& report) {
  if (left_changed(report)) return 4;
  if (report.interrupted) return 130;
  if (report.unreachable) return 3;
  const bool violated = std::ranges::any_of(report.checks, [&](const CheckRecord& c) {
    return c.status == models::Status::kFail ||
           (report.options.strict && c.status == models::Status::kWarn);
  });
  return violated ? 1 : 0;
}

}  // namespace mbh::conformance
