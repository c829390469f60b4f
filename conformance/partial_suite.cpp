// R-PARTIAL-32 and R-PARTIAL-OTHER: a read or write that starts or ends inside a
// multi-register value. For every such row, a read starting at its second register and one
// ending at its second-to-last; for every writable one the run may write, the same as writes
// of the value's own current registers, so that a device that takes them changes nothing.
#include <fmt/format.h>

#include <span>

#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "models/model_text.hpp"

namespace mbh::conformance {

void run_partial_suite(Session& session) {
  const auto& map = session.map();
  for (const models::RegisterRow& row : map.rows) {
    const auto count = static_cast<std::uint16_t>(row.type.register_count());
    if (count < 2) continue;
    if (session.stopped()) return;
    const auto inner = static_cast<std::uint16_t>(count - 1);
    const auto second = static_cast<std::uint16_t>(row.address + 1);
    // The address too: a document may give two rows one name (BMS 40004 and 40020).
    const std::string name =
        fmt::format("'{}' ({} {})", row.name, models::space_name(row.space), row.address);
    session.check(name + ": read starting inside", read_request(row.space, second, inner));
    session.check(name + ": read ending inside", read_request(row.space, row.address, inner));
    if (row.access != models::Access::kReadWrite || session.write_refusal(row)) continue;
    const auto current = session.read(row.space, row.address, count);
    if (!current) continue;  // the value suites report a row that cannot be read
    const std::span<const std::uint16_t> words(*current);
    session.check(name + ": write starting inside",
                  write_request(session.map(), second, words.subspan(1), true));
    session.check(name + ": write ending inside",
                  write_request(session.map(), row.address, words.first(inner), true));
  }
}

}  // namespace mbh::conformance
