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

// Drops the current connection and reads on a new one.
client::ClientExchange probe(client::ModbusClient& client, const models::RegisterMap& map,
                             std::uint8_t unit);

// Probes until the device answers or `patience` has passed (a restarted device booting);
// whether it answered.
bool wait_until_alive(client::ModbusClient& client, const models::RegisterMap& map,
                      std::uint8_t unit, std::chrono::milliseconds patience);

}  // namespace mbh::netfuzz
