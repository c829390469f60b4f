#pragma once
// One request through Simulator::handle, and its reply taken apart as the harness reads answers
// (harness/exchange): the MBAP header checked against the request's, the PDU decoded against
// the request.
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "harness/codec/pdu_types.hpp"
#include "harness/simulator/simulator.hpp"
#include "models/oracle.hpp"

namespace mbh::simulator::testing {

struct Exchange {
  transport::Reply::Action action = transport::Reply::Action::kSend;
  std::chrono::milliseconds delay{0};
  std::vector<std::byte> frame;             // what the simulator would send
  std::optional<codec::Request> request;    // the request, when it decodes
  std::optional<codec::Response> response;  // the answer's PDU decoded (paired when it can be)
  std::string mbap_error;                   // what is wrong with the answer's header, or ""
  std::string pdu_error;                    // what is wrong with its PDU against the request
};

// A request as the property tests send it: a unit id and a PDU, well formed or not.
struct SentRequest {
  std::uint8_t unit = 0;
  std::vector<std::byte> pdu;
  std::string what;  // how it was made, for a shrunk failure to read well
};
std::ostream& operator<<(std::ostream& out, const SentRequest& request);

std::vector<std::byte> pdu_of(const codec::Request& request);
std::string hex_of(std::span<const std::byte> bytes);

Exchange exchange(Simulator& simulator, std::uint8_t unit, std::span<const std::byte> pdu,
                  std::uint16_t transaction_id = 0x1234);
Exchange exchange(Simulator& simulator, std::uint8_t unit, const codec::Request& request);

// The oracle's verdict on one exchange with the device `map` serves on its first unit id.
models::Verdict judged(const models::RegisterMap& map, std::uint8_t unit,
                       std::span<const std::byte> pdu, const Exchange& answer,
                       const models::KnownState& state);

// What a device the tests drive is known to hold after `request` got `response` (RULES.md
// R-READBACK, R-CONFIG): accepted writes are committed, or staged inside an Enapter
// configuration; the clock and the configuration commands are not tracked.
void remember(const models::RegisterMap& map, const codec::Request& request,
              const codec::Response& response, models::KnownState& state);

// The registers of one read, or none when it was refused.
std::optional<std::vector<std::uint16_t>> registers_of(const Exchange& answer);

}  // namespace mbh::simulator::testing
