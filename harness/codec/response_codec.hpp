#pragma once
// Response PDUs. A response is only right or wrong against the request it answers (FC 03's
// byte count against the request's quantity), so the paired decode is the one a client uses;
// the unpaired one checks what a response can show on its own, for tools that see a frame
// without its request.
#include <cstddef>
#include <optional>
#include <span>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/pdu_types.hpp"
#include "harness/codec/result.hpp"

namespace mbh::codec {

Result<Response, DecodeError> decode_response(std::span<const std::byte> pdu,
                                              const Request& request);
Result<Response, DecodeError> decode_response_unpaired(std::span<const std::byte> pdu);

// Whether `response` answers `request`: the same function, the amount of data asked for, the
// echo of a write. An exception response answers any request with its function code.
std::optional<DecodeError> check_answers(const Response& response, const Request& request);

Result<std::size_t, EncodeError> encode_response(const Response& response,
                                                 std::span<std::byte> out);

// The error decode_response_unpaired() reports for this response's encoding, or none.
std::optional<CodecError> validate(const Response& response);

}  // namespace mbh::codec
