#include "harness/capture/tcp_segments.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/capture/endpoints.hpp"
#include "tests/codec/hex_bytes.hpp"

namespace mbh::capture {
namespace {

using codec::testing::hex;
using codec::testing::to_hex;
using testing::v4;
using testing::v6;

TEST(InternetChecksum, MatchesRfc1071sWorkedExample) {
  // RFC 1071, 3: the sum of these words is ddf2; the checksum is its complement.
  EXPECT_EQ(internet_checksum(hex("00 01 f2 03 f4 f5 f6 f7")), 0x220D);
}

TEST(InternetChecksum, MatchesAKnownIpv4Header) {
  // The usual textbook header (a UDP datagram, 192.168.0.1 -> 192.168.0.199): its checksum
  // is b861, and a header holding its checksum sums to zero.
  auto header = hex("45 00 00 73 00 00 40 00 40 11 00 00 c0 a8 00 01 c0 a8 00 c7");
  EXPECT_EQ(internet_checksum(header), 0xB861);
  header[10] = std::byte{0xB8};
  header[11] = std::byte{0x61};
  EXPECT_EQ(internet_checksum(header), 0);
}

TEST(InternetChecksum, PadsAnOddLastByteWithZero) {
  EXPECT_EQ(internet_checksum(hex("01 02 03")), internet_checksum(hex("01 02 03 00")));
  EXPECT_EQ(internet_checksum({}), 0xFFFF);
}

// Golden packets; tshark 4.0.17 with ip.check_checksum and tcp.check_checksum on finds every
// checksum in them good, and decodes the payloads as the Modbus/TCP frames they are.
TEST(TcpPacket, BuildsAnIpv4Syn) {
  const SegmentHeader syn{
      v4({192, 168, 1, 10}, 49152), v4({192, 168, 1, 20}, 502), 0x12345678, 0, kSyn, 0xFFFF};
  EXPECT_EQ(to_hex(tcp_packet(syn, {})),
            "45 00 00 28 00 00 40 00 40 06 B7 61 C0 A8 01 0A C0 A8 01 14 "   // IPv4, DF, TTL 64
            "C0 00 01 F6 12 34 56 78 00 00 00 00 50 02 FF FF 01 D1 00 00");  // TCP SYN
}

TEST(TcpPacket, BuildsAnIpv4SegmentCarryingARequest) {
  const SegmentHeader data{v4({192, 168, 1, 10}, 49152),
                           v4({192, 168, 1, 20}, 502),
                           0x12345679,
                           0x9ABCDEF1,
                           kPsh | kAck,
                           0xFFFF};
  EXPECT_EQ(to_hex(tcp_packet(data, hex("00 01 00 00 00 06 11 03 00 6B 00 03"))),
            "45 00 00 34 00 00 40 00 40 06 B7 55 C0 A8 01 0A C0 A8 01 14 "
            "C0 00 01 F6 12 34 56 79 9A BC DE F1 50 18 FF FF 76 87 00 00 "
            "00 01 00 00 00 06 11 03 00 6B 00 03");
}

TEST(TcpPacket, BuildsAnIpv6SegmentCarryingAnOddLengthAnswer) {
  const auto device = v6("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02", 502);
  const auto harness = v6("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01", 49152);
  const SegmentHeader data{device, harness, 0x9ABCDEF1, 0x12345685, kPsh | kAck, 0xFFFF};
  EXPECT_EQ(to_hex(tcp_packet(data, hex("00 01 00 00 00 03 11 83 02"))),
            "60 00 00 00 00 1D 06 40 "  // IPv6: payload length 29, next header TCP, hop limit 64
            "20 01 0D B8 00 00 00 00 00 00 00 00 00 00 00 02 "
            "20 01 0D B8 00 00 00 00 00 00 00 00 00 00 00 01 "
            "01 F6 C0 00 9A BC DE F1 12 34 56 85 50 18 FF FF 9C 69 00 00 "
            "00 01 00 00 00 03 11 83 02");
}

TEST(TcpPacket, SumsToZeroWithItsPseudoHeaderWhateverThePayload) {
  const SegmentHeader header{
      v4({10, 0, 0, 1}, 40000), v4({10, 0, 0, 2}, 502), 7, 9, kPsh | kAck, 0xFFFF};
  for (std::size_t size = 0; size < 40; ++size) {
    std::vector<std::byte> payload(size);
    for (std::size_t i = 0; i < size; ++i)
      payload[i] = static_cast<std::byte>(0xF0 + i);
    const auto packet = tcp_packet(header, payload);
    ASSERT_EQ(packet.size(), 40 + size);
    EXPECT_EQ(internet_checksum(std::span(packet).first(20)), 0) << size;
    // The pseudo-header (addresses, zero, protocol 6, TCP length), then the segment.
    auto summed = hex("0a 00 00 01 0a 00 00 02 00 06");
    summed.push_back(static_cast<std::byte>((20 + size) >> 8));
    summed.push_back(static_cast<std::byte>((20 + size) & 0xFF));
    summed.insert(summed.end(), packet.begin() + 20, packet.end());
    EXPECT_EQ(internet_checksum(summed), 0) << size;
  }
}

TEST(TcpPacket, CutsAPayloadPastTheLargestSegment) {
  const SegmentHeader header{v6("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01", 1),
                             v6("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02", 2),
                             0,
                             0,
                             kAck,
                             0xFFFF};
  const std::vector<std::byte> payload(kMaxSegmentPayload + 10);
  EXPECT_EQ(tcp_packet(header, payload).size(), 65535U);
}

}  // namespace
}  // namespace mbh::capture
