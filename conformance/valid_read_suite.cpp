// R-VALID-READ: every block read whole (in as few requests as the 125-register limit allows),
// and every row read on its own: the device returns exactly the registers asked for.
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"

namespace mbh::conformance {

void run_valid_read_suite(Session& session) {
  const auto& map = session.map();
  for (const models::Block& block : map.blocks) {
    for (const ReadRange& range : block_reads(map, block)) {
      if (session.stopped()) return;
      session.check("block " + std::string(block.name) + ": read " +
                        range_name(range.space, range.first, range.quantity),
                    read_request(range));
    }
  }
  for (const models::RegisterRow& row : map.rows) {
    if (session.stopped()) return;
    const auto count = static_cast<std::uint16_t>(row.type.register_count());
    session.check(
        "row '" + std::string(row.name) + "': read " + range_name(row.space, row.address, count),
        read_request(row.space, row.address, count));
  }
}

}  // namespace mbh::conformance
