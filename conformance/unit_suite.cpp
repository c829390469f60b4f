// R-UNIT: a request to a unit id the device does not serve gets no answer or exception
// 0A/0B (Enapter: also a normal answer as unit 1). One unit inside the map's range but not
// the device's, where the range has one, and one outside it. Unit 0 and 255 are left alone:
// many TCP devices take them to mean "this device".
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "conformance/model_addresses.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"

namespace mbh::conformance {

void run_unit_suite(Session& session) {
  const auto& map = session.map();
  std::vector<std::uint8_t> units;
  for (unsigned u = std::max<unsigned>(map.first_unit, 1);
       u <= std::min<unsigned>(map.last_unit, 247); ++u) {
    if (u != session.unit()) {
      units.push_back(static_cast<std::uint8_t>(u));
      break;
    }
  }
  if (map.last_unit < 247) {
    units.push_back(static_cast<std::uint8_t>(map.last_unit + 1));
  } else if (map.first_unit > 1) {
    units.push_back(static_cast<std::uint8_t>(map.first_unit - 1));
  }
  const models::Space space =
      has_space(map, models::Space::kHolding) ? models::Space::kHolding : models::Space::kInput;
  const models::RegisterRow* row = first_row(map, space);
  if (row == nullptr) return;
  const auto read =
      read_request(space, row->address, static_cast<std::uint16_t>(row->type.register_count()));
  for (const std::uint8_t unit : units) {
    if (session.stopped()) return;
    session.check(fmt::format("unit {} not served", unit), read, unit);
  }
}

}  // namespace mbh::conformance
