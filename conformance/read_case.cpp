#include "conformance/read_case.hpp"

#include <rapidcheck/gen/Build.h>
#include <rapidcheck/gen/Numeric.h>
#include <rapidcheck/gen/Select.h>
#include <rapidcheck/gen/Transform.h>
#include <rapidcheck/gen/Tuple.h>

#include <algorithm>
#include <vector>

#include "conformance/model_addresses.hpp"
#include "conformance/register_requests.hpp"

namespace mbh::conformance {
namespace {

using models::Space;

rc::Gen<std::uint16_t> addresses(const models::RegisterMap& map, Space space) {
  std::vector<std::uint16_t> starts;
  std::vector<std::uint16_t> edges;
  for (const models::RegisterRow* row : rows_of(map, space)) {
    starts.push_back(row->address);
    if (row->type.register_count() > 1)
      edges.push_back(static_cast<std::uint16_t>(row->address + 1));
  }
  for (const models::Block& block : map.blocks) {
    if (block.space != space) continue;
    edges.push_back(block.first);
    edges.push_back(block.last);
    if (block.last < 0xFFFF) edges.push_back(static_cast<std::uint16_t>(block.last + 1));
    if (block.first > 0) edges.push_back(static_cast<std::uint16_t>(block.first - 1));
  }
  const std::uint16_t low =
      starts.front() >= 4 ? static_cast<std::uint16_t>(starts.front() - 4) : 0;
  const std::uint32_t end = std::uint32_t{rows_of(map, space).back()->address} + 8;
  const auto high = static_cast<std::uint16_t>(std::min<std::uint32_t>(end, 0xFFFF));
  return rc::gen::weightedOneOf<std::uint16_t>({
      {5, rc::gen::elementOf(starts)},
      {3, rc::gen::elementOf(edges)},
      {2, rc::gen::inRange<std::uint16_t>(low, high)},
  });
}

rc::Gen<std::uint16_t> quantities() {
  return rc::gen::weightedOneOf<std::uint16_t>({
      {6, rc::gen::inRange<std::uint16_t>(1, 17)},
      {3, rc::gen::inRange<std::uint16_t>(1, 127)},
      {1, rc::gen::element<std::uint16_t>(0, 1, 125, 126)},
  });
}

}  // namespace

rc::Gen<ReadCase> read_cases(const models::RegisterMap& map) {
  std::vector<Space> spaces;
  for (const Space space : {Space::kHolding, Space::kInput}) {
    if (has_space(map, space)) spaces.push_back(space);
  }
  return rc::gen::mapcat(rc::gen::elementOf(spaces), [&map](Space space) {
    return rc::gen::map(rc::gen::tuple(addresses(map, space), quantities()),
                        [space](const std::tuple<std::uint16_t, std::uint16_t>& t) {
                          return ReadCase{space, std::get<0>(t), std::get<1>(t)};
                        });
  });
}

std::string describe(const ReadCase& read) {
  return "read " + range_name(read.space, read.address, read.quantity);
}

}  // namespace mbh::conformance
