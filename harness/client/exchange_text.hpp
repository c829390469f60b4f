#pragma once
// The sentences a ModbusClient puts in ClientExchange::error: what went wrong, in the words a
// commissioning engineer reads in a report ("connection refused by 127.0.0.1:5020").
#include <asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <system_error>

#include "harness/codec/codec_error.hpp"

namespace mbh::client {

// "127.0.0.1:5020", "[::1]:5020".
std::string endpoint_text(const asio::ip::tcp::endpoint& endpoint);

// "connection refused by 127.0.0.1:5020", "cannot connect to 10.0.0.9:502: No route to host".
std::string connect_failure(const asio::ip::tcp::endpoint& endpoint, std::error_code error);

// Why `received` (the unread bytes, at least an MBAP header's worth) cannot be framed, as
// `mbharness decode` says it: "the answer cannot be framed: MBAP length above 254 (...) at byte 4
// (MBAP length): length 300: at most 254 (unit id + 253-byte PDU)".
std::string malformed_answer(codec::DecodeError error, std::span<const std::byte> received);

// The connection ended (`error`: eof, a reset...) with `received` short of a whole frame.
std::string closed_early(std::error_code error, std::span<const std::byte> received);

// The deadline passed with `received` short of a whole frame.
std::string incomplete_answer(std::span<const std::byte> received,
                              std::chrono::milliseconds timeout);

}  // namespace mbh::client
