#pragma once
// Addresses for the capture tests, written as people write them.
#include <array>
#include <cstdint>
#include <string_view>

#include "harness/client/frame_tap.hpp"
#include "tests/codec/hex_bytes.hpp"

namespace mbh::capture::testing {

inline client::IpEndpoint v4(std::array<std::uint8_t, 4> address, std::uint16_t port) {
  client::IpEndpoint end;
  for (std::size_t i = 0; i < address.size(); ++i)
    end.address[i] = std::byte{address[i]};
  end.port = port;
  return end;
}

// Sixteen bytes as hex.
inline client::IpEndpoint v6(std::string_view address, std::uint16_t port) {
  client::IpEndpoint end;
  end.ipv6 = true;
  const auto bytes = codec::testing::hex(address);
  for (std::size_t i = 0; i < end.address.size() && i < bytes.size(); ++i)
    end.address[i] = bytes[i];
  end.port = port;
  return end;
}

// A client's connection to a simulator on loopback port 5020.
inline const client::ConnectionEnds kEnds{v4({127, 0, 0, 1}, 40000), v4({127, 0, 0, 1}, 5020)};

}  // namespace mbh::capture::testing
