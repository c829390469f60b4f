// The simulator's request path allocates nothing: answers are encoded straight into the
// Reply's buffer and the devices' state lives in storage made at construction. Counted with a
// replaced global operator new, so in a binary of its own (and not under ASan, which owns
// operator new there).
#include <gtest/gtest.h>

#include "tests/support/allocation_counter.hpp"

#include <array>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/simulator/simulator.hpp"

namespace mbh::simulator {
namespace {

struct Sent {
  std::uint8_t unit;
  std::vector<std::byte> pdu;
};

std::vector<std::byte> encoded(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> bytes{};
  const auto size = codec::encode_request(request, bytes).value();
  return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size)};
}

TEST(SimulatorAllocation, NoAllocationPerRequest) {
#ifdef MBH_ASAN
  GTEST_SKIP() << "ASan replaces operator new";
#endif
  Simulator simulator(SimulatorOptions{});
  // Reads, writes, refusals and silence on all three devices, the Enapter configuration
  // sequence included.
  const std::vector<Sent> requests{
      {230, encoded(codec::ReadHoldingRegistersRequest{40079, 37})},
      {230, encoded(codec::ReadHoldingRegistersRequest{40001, 1})},
      {230, encoded(codec::WriteSingleRegisterRequest{40089, 7})},
      {230, encoded(codec::WriteSingleRegisterRequest{40002, 7})},
      {230, {std::byte{0x01}, std::byte{0}, std::byte{0}, std::byte{0}, std::byte{8}}},
      {230, {std::byte{0x03}, std::byte{0x9C}, std::byte{0x40}, std::byte{0}, std::byte{0}}},
      {50, encoded(codec::ReadHoldingRegistersRequest{0x0040, 28})},
      {50, encoded(codec::WriteSingleRegisterRequest{0x004D, 1})},
      {50, encoded(codec::WriteSingleRegisterRequest{0x004D, 9})},
      {1, encoded(codec::ReadInputRegistersRequest{768, 64})},
      {1, encoded(codec::ReadInputRegistersRequest{7500, 22})},
      {1, encoded(codec::WriteSingleRegisterRequest{4000, 1})},
      {1, encoded(codec::WriteMultipleRegistersRequest{4310, {0x41C8, 0}})},
      {1, encoded(codec::WriteSingleRegisterRequest{4001, 1})},
      {7, encoded(codec::ReadHoldingRegistersRequest{0, 1})},
  };
  auto reply = std::make_unique<transport::Reply>();
  const auto send = [&](const Sent& sent) {
    const codec::MbapHeader header{1, 0, static_cast<std::uint16_t>(sent.pdu.size() + 1),
                                   sent.unit};
    *reply = transport::Reply{};
    simulator.handle(codec::Adu{header, sent.pdu}, *reply);
  };
  for (const Sent& sent : requests)
    send(sent);  // warm
  const long before = mbh::testing::allocations();
  for (int round = 0; round < 100; ++round) {  // 1500 requests: the event arrays change too
    for (const Sent& sent : requests)
      send(sent);
  }
  EXPECT_EQ(mbh::testing::allocations() - before, 0);
  // The counter counts.
  const auto probe = std::make_unique<int>(1);
  EXPECT_GT(mbh::testing::allocations() - before, 0);
}

}  // namespace
}  // namespace mbh::simulator
