// R-GAP: a range that touches an address no row defines gets exception 02. Every gap is read
// at both ends, and reached from the row before it and into the row after it; a write of 0 to
// its first address (nothing lives there) unless --read-only.
#include <fmt/format.h>

#include "conformance/model_addresses.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"

namespace mbh::conformance {

void run_gap_suite(Session& session) {
  using models::Space;
  const auto& map = session.map();
  for (const Space space : {Space::kHolding, Space::kInput}) {
    for (const AddressGap& gap : gaps_of(map, space)) {
      if (session.stopped()) return;
      const std::string where = range_name(space, gap.first, gap.last - gap.first + 1U);
      session.check(fmt::format("gap {}: read its first address", where),
                    read_request(space, gap.first, 1));
      if (gap.last != gap.first) {
        session.check(fmt::format("gap {}: read its last address", where),
                      read_request(space, gap.last, 1));
      }
      if (gap.before != nullptr) {
        const auto count = static_cast<std::uint16_t>(gap.before->type.register_count() + 1);
        session.check(fmt::format("gap {}: read from '{}' into it", where, gap.before->name),
                      read_request(space, gap.before->address, count));
      }
      if (gap.after != nullptr) {
        const auto count = static_cast<std::uint16_t>(gap.after->type.register_count() + 1);
        session.check(fmt::format("gap {}: read from it into '{}'", where, gap.after->name),
                      read_request(space, gap.last, count));
      }
      if (space == Space::kHolding &&
          (models::implements(map, 0x06) || models::implements(map, 0x10))) {
        const std::string name = fmt::format("gap {}: write 0 to its first address", where);
        if (session.options().read_only) {
          session.skip(models::RuleId::kGap, name, "a write: --read-only", space, gap.first);
        } else {
          const std::uint16_t zero[] = {0};
          session.check(name, write_request(session.map(), gap.first, zero));
        }
      }
    }
  }
}

}  // namespace mbh::conformance
