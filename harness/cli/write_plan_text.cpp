#include "harness/cli/write_plan_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ostream>

#include "models/command_register.hpp"
#include "models/model_text.hpp"
#include "reports/safe_text.hpp"

namespace mbh::cli {
namespace {

std::string words_text(const std::optional<std::vector<std::uint16_t>>& words) {
  if (!words) return "?";
  if (words->size() == 1) return std::to_string(words->front());
  return fmt::format("[{}]", fmt::join(*words, " "));
}

// What a conforming device does with a write that the plan lists.
std::string expectation(const conformance::PlannedRow& planned) {
  const models::RegisterRow& row = *planned.row;
  if (row.access == models::Access::kRead) return "read-only: must be refused";
  if (!planned.writing) return "splits the value: must be refused";
  if (row.safety == models::SafetyClass::kCommand) {
    return fmt::format("write {}: a step of the configuration sequence",
                       words_text(planned.writing));
  }
  if (models::is_command_register(row)) {
    const auto none = models::no_command_value(row);
    return fmt::format("write {}: an order, not undone{}", words_text(planned.writing),
                       none ? fmt::format("; {} (no command) written after", *none) : "");
  }
  if (row.safety == models::SafetyClass::kClock) {
    return fmt::format("write {}, then set back by the same offset (now {})",
                       words_text(planned.writing), words_text(planned.current));
  }
  return fmt::format("write {}, restore to {}", words_text(planned.writing),
                     words_text(planned.current));
}

}  // namespace

void write_plan_text(const conformance::WritePlan& plan, const conformance::ConformOptions& options,
                     std::ostream& out) {
  using reports::printable;
  std::size_t changing = 0;
  for (const auto& write : plan.writes) {
    for (const auto& row : write.rows) {
      if (row.row->access == models::Access::kReadWrite && row.writing) ++changing;
    }
  }
  out << fmt::format(
      "PLAN  {} writes a conform run of {} would send to {} (unit {}); {} of them change a "
      "writable register, each restored at once. Nothing was written.\n",
      plan.writes.size(), options.map->id, printable(options.target), options.unit, changing);
  for (std::size_t i = 0; i < plan.writes.size(); ++i) {
    const auto& write = plan.writes[i];
    const std::string unit =
        write.unit == options.unit ? "" : fmt::format(" (unit {})", write.unit);
    if (write.rows.empty()) {
      const std::string where = write.coils ? "coils: the map has none, must be refused"
                                            : "no register there: must be refused";
      out << fmt::format("  {:>4}  {}{}: {}\n", i + 1, printable(write.request), unit, where);
      continue;
    }
    for (const auto& planned : write.rows) {
      out << fmt::format("  {:>4}  {}{}: '{}' ({}) {}\n", i + 1, printable(write.request), unit,
                         printable(std::string(planned.row->name)),
                         models::safety_name(planned.row->safety), expectation(planned));
    }
  }
  if (plan.unreachable) {
    out << fmt::format("  the device could not be read: {}\n", printable(*plan.unreachable));
  }
}

}  // namespace mbh::cli
