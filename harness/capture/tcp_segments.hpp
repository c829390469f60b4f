#pragma once
// IP packets carrying one TCP segment each, built whole for a raw-IP capture: an IPv4 or IPv6
// header (by the ends' address family), a 20-byte TCP header without options, the payload,
// and both checksums computed (the IPv4 header's, and TCP's over its pseudo-header), so that
// Wireshark finds them good even with checksum validation on. Pure functions of their
// arguments: no I/O, nothing kept.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "harness/client/frame_tap.hpp"

namespace mbh::capture {

// The TCP header's flags (RFC 9293, 3.1), to be or-ed.
enum TcpFlag : std::uint8_t {
  kFin = 0x01,
  kSyn = 0x02,
  kRst = 0x04,
  kPsh = 0x08,
  kAck = 0x10,
};

struct SegmentHeader {
  client::IpEndpoint source;       // its family (ipv6) decides the IP header's
  client::IpEndpoint destination;  // of the same family as source
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::uint16_t window = 0xFFFF;  // unscaled: no SYN carries the window scale option
};

// The most payload one packet carries: an IPv6 packet (40 + 20 bytes of headers) must fit a
// capture's 65535-byte snapshot, and an IPv4 packet's length the 16 bits of its header's field.
inline constexpr std::size_t kMaxSegmentPayload = 65535 - 60;

// The Internet checksum (RFC 1071) of `bytes`: the ones' complement of their ones' complement
// sum as big-endian 16-bit words, an odd last byte padded with a zero.
std::uint16_t internet_checksum(std::span<const std::byte> bytes);

// The IP packet for one segment. `payload` longer than kMaxSegmentPayload is the caller's
// mistake (cut it first): it is cut to that length.
std::vector<std::byte> tcp_packet(const SegmentHeader& header, std::span<const std::byte> payload);

}  // namespace mbh::capture
