#pragma once
// The client's statuses as the verdict sees them, and the probe: a valid read of the map's
// first register on a fresh connection, which tells an alive device from a dead one.
#include <chrono>
#include <cstdint>
#include <string>

#include "harness/client/modbus_client.hpp"
#include "harness/netfuzz/verdict.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

Observed observe(client::ExchangeStatus status);

// One sentence for what an exchange got: the client's own, or the status described.
std::string what_happened(const client::ClientExchange& exchange);

// Whether the frames a client discarded while waiting (`strays`: each its kind and transaction
// id) show the device sending ids nobody sent, or an answer twice: a duplicate always does; an
// answer to a request never sent, or a frame sent unasked, does unless its id is one of the
// frames of `sent` (two frames sent in one go are answered twice, rightly). Late answers never
// do: the device was slow, not wrong.
bool strays_wrong(std::span<const std::byte> sent, const client::DiscardedFrames& strays);

// Drops the current connection and reads on a new one.
client::ClientExchange probe(client::ModbusClient& client, const models::RegisterMap& map,
                             std::uint8_t unit);

// Probes, `pause` apart, until the device answers or `patience` has passed; the last probe.
client::ClientExchange probe_until_answered(client::ModbusClient& client,
                                            const models::RegisterMap& map, std::uint8_t unit,
                                            std::chrono::milliseconds patience,
                                            std::chrono::milliseconds pause);

// Probes until the device answers or `patience` has passed (a restarted device booting);
// whether it answered.
bool wait_until_alive(client::ModbusClient& client, const models::RegisterMap& map,
                      std::uint8_t unit, std::chrono::milliseconds patience);

}  // namespace mbh::netfuzz
