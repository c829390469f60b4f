#pragma once
// A check's frames as one line each, for people: the unit, the transaction id and the decoded
// aggregate ("unit 230, transaction 7: ReadHoldingRegistersRequest{address=40036,
// quantity=2}"), or, for bytes that do not decode, what is wrong, where and why, in the words
// `mbharness decode` uses for the same bytes (harness/exchange reads both). Suites send malformed
// requests on purpose, and devices answer with anything, so neither side is assumed to decode.
#include <cstddef>
#include <span>
#include <string>

namespace mbh::reports {

std::string describe_request(std::span<const std::byte> frame);

// Decoded against `request` when that decodes (the amount of data, the write echo, the
// transaction and unit ids), else on its own; a response that does not answer its request is
// also shown as read on its own, when it reads.
std::string describe_response(std::span<const std::byte> frame, std::span<const std::byte> request);

}  // namespace mbh::reports
