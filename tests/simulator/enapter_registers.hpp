#pragma once
// Enapter EL 2.1 registers the simulator tests write by address.
#include <cstdint>

namespace mbh::simulator::testing {

// Holding, float32, covered by the configuration sequence: the document's example ("Restart
// Pressure to 25 bar").
inline constexpr std::uint16_t kRestartPressure = 4310;

}  // namespace mbh::simulator::testing
