#pragma once
// The conformance oracle: for a request to a device described by a model, the outcomes
// RULES.md accepts, with the rule and level that decide them; and for what came back, a
// verdict. Plain functions of their inputs: suites, the simulator's tests and the fuzz
// targets call them directly.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "harness/codec/pdu_types.hpp"
#include "models/expectation.hpp"
#include "models/register_map.hpp"

namespace mbh::models {

// The device under test: its map and the one unit id it answers as.
struct Target {
  const RegisterMap* map;
  std::uint8_t unit;
};

// The register functions the oracle models, 03, 04, 06 and 16: what the register rules speak
// of. Any other function a map lists is answered as the device pleases (expect_pdu()).
bool modelled_function(std::uint8_t function);

// Whether the device implements a function code: those the map lists (RegisterMap::functions),
// or without a list, 03, 06, 16 where it has holding registers, 04 where it has input registers
// (RULES.md "Devices").
bool implements(const RegisterMap& map, std::uint8_t function);

// The expectation for a request PDU as sent, well formed or not: unit, then function (01),
// then quantity and byte count (03), then address (02), then the operation itself.
Expectation expect_pdu(const Target& target, std::uint8_t unit, std::span<const std::byte> pdu,
                       const KnownState& state);

// The same for a request the codec can encode (so well formed at the byte level).
Expectation expect(const Target& target, std::uint8_t unit, const codec::Request& request,
                   const KnownState& state);

// The verdict on a response (nullopt: none came before the timeout). `request` is the
// decoded request when there is one: a normal response is checked against it (register
// count, write echo), and a normal response to an undecodable request fails.
Verdict judge(const Expectation& expectation, const codec::Request* request,
              const std::optional<codec::Response>& response);

// The verdict when what came back is not a usable answer (the connection closed, the frame
// or PDU is malformed): what `observed` says, against what was expected. Every outcome the
// rule lists is an answer, so this is the expectation's `otherwise` (fail, or warn for SHOULD).
Verdict judge_unusable(const Expectation& expectation, std::string_view observed);

}  // namespace mbh::models
