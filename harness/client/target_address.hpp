#pragma once
// Where a client connects: INTERFACE.md's `HOST[:PORT]`, HOST a name, an IPv4 address or a
// bracketed IPv6 address ("[::1]:5020"). A bare IPv6 address ("::1", several colons) is taken
// as a host without a port, since no port can be told from its last group.
#include <cstdint>
#include <string>
#include <string_view>

#include "harness/codec/result.hpp"

namespace mbh::client {

inline constexpr std::uint16_t kModbusPort = 502;

struct TargetAddress {
  std::string host;  // a name or an address literal, IPv6 without brackets
  std::uint16_t port = kModbusPort;

  friend bool operator==(const TargetAddress&, const TargetAddress&) = default;
};

// The target, or one sentence saying what is wrong with the text ("port 70000 is out of range
// (1..65535) in '127.0.0.1:70000'").
Result<TargetAddress, std::string> parse_target(std::string_view text,
                                                std::uint16_t default_port = kModbusPort);

// "127.0.0.1:5020", "plc.local:502", "[::1]:5020": what parse_target() reads back.
std::string target_text(const TargetAddress& target);

}  // namespace mbh::client
