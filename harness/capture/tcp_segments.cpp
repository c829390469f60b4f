#include "harness/capture/tcp_segments.hpp"

#include <algorithm>
#include <array>

#include "harness/codec/byte_io.hpp"

namespace mbh::capture {
namespace {

constexpr std::size_t kIpv4HeaderSize = 20;
constexpr std::size_t kIpv6HeaderSize = 40;
constexpr std::size_t kTcpHeaderSize = 20;
constexpr std::uint8_t kProtocolTcp = 6;
constexpr std::uint8_t kHopLimit = 64;

// The ones' complement sum of `bytes` as big-endian words, added to `sum`, not yet folded.
// Callers sum parts of even length but the last, so the words line up as in one buffer.
std::uint64_t add_words(std::span<const std::byte> bytes, std::uint64_t sum) {
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2)
    sum += codec::load_u16(bytes.data() + i);
  if (i < bytes.size()) sum += std::to_integer<std::uint64_t>(bytes[i]) << 8;
  return sum;
}

std::uint16_t folded_complement(std::uint64_t sum) {
  while (sum > 0xFFFF)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xFFFF);
}

// A checksum into the field at `offset` of a header written already.
void store_checksum(std::span<std::byte> header, std::size_t offset, std::uint16_t checksum) {
  header[offset] = std::byte{static_cast<std::uint8_t>(checksum >> 8)};
  header[offset + 1] = std::byte{static_cast<std::uint8_t>(checksum & 0xFF)};
}

void put_u32(codec::ByteWriter& out, std::uint32_t value) {
  out.u16(static_cast<std::uint16_t>(value >> 16));
  out.u16(static_cast<std::uint16_t>(value & 0xFFFF));
}

void put_address(codec::ByteWriter& out, const client::IpEndpoint& end) {
  out.bytes(codec::as_u8(end.address_bytes()));
}

// RFC 9293 3.1 (IPv4) and RFC 8200 8.1 (IPv6): the addresses, the protocol and the TCP
// length, which the TCP checksum covers besides the segment.
std::uint64_t pseudo_header_sum(const SegmentHeader& header, std::size_t tcp_length) {
  std::array<std::byte, kIpv6HeaderSize> pseudo{};
  codec::ByteWriter out(pseudo);
  put_address(out, header.source);
  put_address(out, header.destination);
  if (header.source.ipv6) {
    put_u32(out, static_cast<std::uint32_t>(tcp_length));
    out.u16(0);
    out.u8(0);
    out.u8(kProtocolTcp);
  } else {
    out.u8(0);
    out.u8(kProtocolTcp);
    out.u16(static_cast<std::uint16_t>(tcp_length));
  }
  return add_words(std::span<const std::byte>(pseudo).first(out.size()), 0);
}

void put_ip_header(codec::ByteWriter& out, const SegmentHeader& header, std::size_t tcp_length) {
  if (header.source.ipv6) {
    put_u32(out, 0x6000'0000);  // version 6, traffic class 0, flow label 0
    out.u16(static_cast<std::uint16_t>(tcp_length));
    out.u8(kProtocolTcp);
    out.u8(kHopLimit);
    put_address(out, header.source);
    put_address(out, header.destination);
    return;
  }
  std::array<std::byte, kIpv4HeaderSize> ip{};
  codec::ByteWriter fields(ip);
  fields.u8(0x45);  // version 4, header of five words
  fields.u8(0);     // DSCP, ECN
  fields.u16(static_cast<std::uint16_t>(kIpv4HeaderSize + tcp_length));
  fields.u16(0);       // identification: unused, as fragmenting is forbidden
  fields.u16(0x4000);  // don't fragment
  fields.u8(kHopLimit);
  fields.u8(kProtocolTcp);
  fields.u16(0);  // the checksum, computed over the header with this field zero
  put_address(fields, header.source);
  put_address(fields, header.destination);
  store_checksum(ip, 10, internet_checksum(ip));
  out.bytes(codec::as_u8(ip));
}

}  // namespace

std::uint16_t internet_checksum(std::span<const std::byte> bytes) {
  return folded_complement(add_words(bytes, 0));
}

std::vector<std::byte> tcp_packet(const SegmentHeader& header, std::span<const std::byte> payload) {
  payload = payload.first(std::min(payload.size(), kMaxSegmentPayload));
  const std::size_t ip_size = header.source.ipv6 ? kIpv6HeaderSize : kIpv4HeaderSize;
  const std::size_t tcp_length = kTcpHeaderSize + payload.size();
  std::vector<std::byte> packet(ip_size + tcp_length);
  codec::ByteWriter out(packet);
  put_ip_header(out, header, tcp_length);
  out.u16(header.source.port);
  out.u16(header.destination.port);
  put_u32(out, header.seq);
  put_u32(out, header.ack);
  out.u8(static_cast<std::uint8_t>(kTcpHeaderSize / 4) << 4);  // data offset, in words
  out.u8(header.flags);
  out.u16(header.window);
  out.u16(0);  // the checksum, below
  out.u16(0);  // urgent pointer
  out.bytes(codec::as_u8(payload));

  const auto tcp = std::span<std::byte>(packet).subspan(ip_size);
  store_checksum(tcp, 16, folded_complement(add_words(tcp, pseudo_header_sum(header, tcp_length))));
  return packet;
}

}  // namespace mbh::capture
