#pragma once
// fuzz_simulator's checks of one reply of a clean simulator serving all three devices: sent
// at once, one frame echoing the request's header, a PDU that decodes against the request,
// and accepted by the oracle given what a client knows of each device after the replies so
// far (the simulator tests' own judging, tests/simulator/simulator_exchange.hpp).
#include <array>
#include <cstdint>

#include "harness/codec/mbap_header.hpp"
#include "models/expectation.hpp"
#include "models/register_map.hpp"
#include "tests/simulator/simulator_exchange.hpp"

namespace mbh::fuzz {

class ReplyCheck {
 public:
  // Aborts (invariant_broken) on a reply a clean simulator must not give; remembers the
  // writes it accepted.
  void check(const codec::Adu& request, const simulator::testing::Exchange& answer);

 private:
  // The map to judge a request to `unit` against, and what is known of its device: the
  // device's own when one serves the unit; otherwise the map whose unit range holds it (or
  // the first), which the oracle judges under R-UNIT, and no state.
  struct Addressee {
    const models::RegisterMap* map;
    models::KnownState* state;
  };
  Addressee addressee(std::uint8_t unit);

  std::array<models::KnownState, 3> states_;  // by models::all_maps()
};

}  // namespace mbh::fuzz
