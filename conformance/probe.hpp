#pragma once
// One request sent to the device and what came back, taken apart: the request decoded (when
// it decodes: suites send malformed ones on purpose) and the answer decoded against it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/client/modbus_client.hpp"
#include "harness/codec/pdu_types.hpp"

namespace mbh::conformance {

struct Probe {
  client::ClientExchange exchange;
  std::uint8_t unit = 0;
  std::vector<std::byte> pdu;               // the request PDU as sent
  std::optional<codec::Request> request;    // the request, when it decodes
  std::optional<codec::Response> response;  // a usable answer: framed, decoded against the request
  std::string problem;                      // why there is no usable answer ("" when there is)
  bool sent = false;                        // false: the run had stopped, nothing went out

  bool timed_out() const { return exchange.status == client::ExchangeStatus::kTimeout; }
  bool accepted() const;  // a normal (not exception) answer
  // What came back, in a few words: the problem, the exception, or "a normal answer".
  std::string outcome() const;
  // The registers a read returned, when it returned them.
  std::optional<std::vector<std::uint16_t>> registers() const;
};

}  // namespace mbh::conformance
