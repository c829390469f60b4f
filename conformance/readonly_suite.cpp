// R-READONLY: a write to a read-only register is answered with an exception (SHOULD; 02 or
// 04: EITHER) and leaves the value unchanged (MUST). The value written is far from the
// current one (value_choice.hpp), so a stored write shows even on a register whose value
// moves on its own; one that was stored is restored at once.
#include <fmt/format.h>

#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "conformance/value_choice.hpp"
#include "conformance/write_restore.hpp"
#include "models/oracle.hpp"

namespace mbh::conformance {

using models::RuleId;
using models::Space;
using models::Status;

void run_readonly_suite(Session& session) {
  const auto& map = session.map();
  if (!models::implements(map, 0x06) && !models::implements(map, 0x10)) return;
  if (session.options().read_only) {
    session.skip(RuleId::kReadonly, "writes to read-only registers", "--read-only writes nothing");
    return;
  }
  for (const models::RegisterRow* row : rows_of(map, Space::kHolding)) {
    if (row->access != models::Access::kRead) continue;
    if (session.stopped()) return;
    const auto count = static_cast<std::uint16_t>(row->type.register_count());
    const std::string name = fmt::format("'{}' ({})", row->name, row->address);
    const auto original = session.read(Space::kHolding, row->address, count);
    if (!original) {
      session.skip(RuleId::kReadonly, name, "its value could not be read first", Space::kHolding,
                   row->address);
      continue;
    }
    const auto written = distinct_value(*original);
    const auto request = write_request(session.map(), row->address, written);
    // The answer: judged without remembering the write, which must not take.
    const auto expectation =
        models::expect(session.target(), session.unit(), request, session.state());
    const Probe write = session.send(request);
    if (!write.sent) return;
    session.record(session.judge(expectation, write), name + ": write answered", Space::kHolding,
                   row->address, &write);
    if (write.accepted()) {
      session.journal_original(*row, *original);
      session.journal_written(*row, written);
    }
    const Probe after = session.send(read_request(Space::kHolding, row->address, count));
    const auto now = after.registers();
    const Probe* steps[] = {&write};
    if (!now || now->size() != count) {
      session.record(RuleId::kReadonly, Status::kFail, name + ": value unchanged", Space::kHolding,
                     row->address,
                     "the value could not be read back after the write: " + after.outcome(), &after,
                     steps);
      continue;
    }
    const bool stored = *now == written;
    session.record(
        RuleId::kReadonly, stored ? Status::kFail : Status::kPass, name + ": value unchanged",
        Space::kHolding, row->address,
        stored ? fmt::format("the read-only register '{}' took the value written to it", row->name)
               : fmt::format("the read-only register '{}' did not take the value "
                             "written to it",
                             row->name),
        &after, steps);
    if (stored) restore_row(session, *row);
  }
}

}  // namespace mbh::conformance
