#pragma once
// fuzz_response's inputs: a header of seven bytes that names the request, then the response
// to decode against it. Byte 0 picks the request's type (one of the eleven the codec
// implements, in the order of codec::Request, or none: the response is then decoded alone);
// bytes 1-6 are three big-endian words for the fields the response must echo or match
// (address, quantity or value, and a mask). Every header gives a request within the
// protocol's limits: quantities are taken modulo their limit, addresses moved down so the
// items end by register 65535, written data is zeros (a response never repeats it).
//
// The request is built rather than decoded: decoding requests is fuzz_request's job, and a
// mutation that broke a decoded request only ever reached the unpaired decode.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "harness/codec/pdu_types.hpp"

namespace mbh::fuzz {

inline constexpr std::size_t kRequestHeaderSize = 7;
// Byte 0 modulo kRequestChoices; the last choice is no request.
inline constexpr std::uint8_t kRequestChoices = std::variant_size_v<codec::Request> + 1;
inline constexpr std::uint8_t kNoRequest = kRequestChoices - 1;

using RequestHeader = std::array<std::byte, kRequestHeaderSize>;

struct ResponseCase {
  std::optional<codec::Request> request;  // none: the response is decoded alone
  std::span<const std::byte> response;
};

// None for an input shorter than the header.
std::optional<ResponseCase> read_response_case(std::span<const std::byte> input);

// The header whose request expects the same answers as `request` (a valid one): its address,
// quantities, values and masks; the data a write carries is not kept. No request: kNoRequest.
RequestHeader request_header(const std::optional<codec::Request>& request);

}  // namespace mbh::fuzz
