#pragma once
// What a client knows a device holds after its writes were accepted (RULES.md R-READBACK,
// R-CONFIG): accepted writes are committed, or staged inside an Enapter configuration; the
// clock and the configuration commands are not tracked. The oracle reads it back.
#include "harness/codec/pdu_types.hpp"
#include "models/expectation.hpp"
#include "models/register_map.hpp"

namespace mbh::models {

inline constexpr std::uint16_t kConfigurationBegin = 4000;   // Enapter holding 4000
inline constexpr std::uint16_t kConfigurationCommit = 4001;  // Enapter holding 4001
inline constexpr std::uint16_t kFirstConfigurationRegister = 4002;
inline constexpr std::uint16_t kLastConfigurationResult = 4002;  // Enapter input 4002
inline constexpr std::uint16_t kConfigurationProgress = 4000;    // Enapter input 4000

// Whether `address` (holding) is an Enapter configuration register, written only between
// Configuration Begin and Commit.
bool is_configuration_register(const RegisterMap& map, std::uint16_t address);

// Updates `state` with what `request` did, when `response` accepted it.
void remember(const RegisterMap& map, const codec::Request& request,
              const codec::Response& response, KnownState& state);

}  // namespace mbh::models
