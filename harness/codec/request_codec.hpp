#pragma once
// Request PDUs: bytes to aggregates and back. Decoding is strict (any byte string either
// fails with a typed error or re-encodes to exactly the same bytes); encoding is faithful
// (it writes whatever the aggregate holds, so a conformance suite can send bad requests).
#include <cstddef>
#include <optional>
#include <span>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/pdu_types.hpp"
#include "harness/codec/result.hpp"

namespace mbh::codec {

Result<Request, DecodeError> decode_request(std::span<const std::byte> pdu);

// Writes the request PDU into `out`; returns the number of bytes written.
Result<std::size_t, EncodeError> encode_request(const Request& request, std::span<std::byte> out);

// The error decode_request() reports for this request's encoding, or none when it is valid:
// the protocol's limits (quantities, byte counts, address range, coil values), checked in the
// order of the specification's state diagrams.
std::optional<CodecError> validate(const Request& request);

}  // namespace mbh::codec
