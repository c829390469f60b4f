// R-BOUNDARY: a range that crosses a block boundary without touching a gap (the BMS's
// section splits) gets exception 02, or, as RULES.md allows, the data. The read takes the
// last row before the split and the first after it whole, so it splits no value.
#include <fmt/format.h>

#include <algorithm>

#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "models/map_catalog.hpp"

namespace mbh::conformance {

void run_boundary_suite(Session& session) {
  const auto& map = session.map();
  for (const models::Block& from : map.blocks) {
    for (const models::Block& to : map.blocks) {
      if (to.space != from.space || to.first != from.last + 1U) continue;
      if (session.stopped()) return;
      const models::RegisterRow* last = models::row_at(map, from.space, from.last);
      const models::RegisterRow* next = models::row_at(map, to.space, to.first);
      if (last == nullptr || next == nullptr) continue;
      const auto end = static_cast<std::uint32_t>(next->address + next->type.register_count());
      const std::uint32_t quantity = end - last->address;
      if (quantity > codec::kMaxReadRegisters) continue;  // would be an R-QUANTITY check
      session.check(fmt::format("read across '{}' | '{}'", from.name, to.name),
                    read_request(from.space, last->address, static_cast<std::uint16_t>(quantity)));
    }
  }
}

}  // namespace mbh::conformance
