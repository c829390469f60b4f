#include "conformance/run_report.hpp"

#include <algorithm>

namespace mbh::conformance {

std::string_view status_text(const CheckRecord& check) {
  return check.known ? "xfail" : models::status_name(check.status);
}

bool unexpected(const CheckRecord& check, models::Status status) {
  return check.status == status && !check.known;
}

Summary summarise(const RunReport& report) {
  Summary s;
  s.xpass = report.xpass.size();
  for (const CheckRecord& check : report.checks) {
    if (check.known) {
      ++s.xfail;
      continue;
    }
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
    return unexpected(c, models::Status::kFail) ||
           (report.options.strict && unexpected(c, models::Status::kWarn));
  });
  return violated || !report.xpass.empty() ? 1 : 0;
}

}  // namespace mbh::conformance
