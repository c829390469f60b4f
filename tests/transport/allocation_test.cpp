// The server's per-request path allocates nothing once a connection is warm: the framer reads
// in place, replies reuse their slots, and Asio recycles its operation memory. Counted with a
// replaced global operator new, so in a binary of its own (and not under ASan, which owns
// operator new there).
#include <gtest/gtest.h>

#include "tests/support/allocation_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "harness/transport/tcp_server.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

namespace mbh::transport::testing {
namespace {

class AllocationTest : public ServerFixture {};

TEST_F(AllocationTest, NoAllocationPerRequestOnceWarm) {
#ifdef MBH_ASAN
  GTEST_SKIP() << "ASan replaces operator new";
#endif
  start();
  TestClient client(port_);
  const auto request = read_request(1, 40, 10);
  std::vector<std::byte> reply(7 + 2 + 20);
  std::vector<std::byte> pipelined;
  for (int i = 0; i < 4; ++i)
    pipelined.insert(pipelined.end(), request.begin(), request.end());
  const auto round_trip = [&](std::span<const std::byte> requests, int replies) {
    ASSERT_TRUE(client.send(requests));
    for (int i = 0; i < replies; ++i) {
      ASSERT_EQ(client.read_exact(reply), TestClient::Outcome::kData);
    }
  };
  for (int i = 0; i < 20; ++i) {
    round_trip(request, 1);
    round_trip(pipelined, 4);
  }
  const long before = mbh::testing::allocations();
  EXPECT_GT(before, 0);  // the counter counts: connecting and warming up allocated
  for (int i = 0; i < 500; ++i) {
    round_trip(request, 1);
    round_trip(pipelined, 4);
  }
  EXPECT_EQ(mbh::testing::allocations() - before, 0);
}

// Many connections, each with a request in flight, as the benchmark's load client keeps them:
// reads and writes of different connections complete in one batch, which a thread-wide cache
// of operation memory cannot serve (each connection has its own).
TEST_F(AllocationTest, NoAllocationPerRequestWithManyConnections) {
#ifdef MBH_ASAN
  GTEST_SKIP() << "ASan replaces operator new";
#endif
  start();
  constexpr int kClients = 16;
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int i = 0; i < kClients; ++i)
    clients.push_back(std::make_unique<TestClient>(port_));
  const auto request = read_request(1, 40, 10);
  std::vector<std::byte> reply(7 + 2 + 20);
  const auto round = [&] {
    for (auto& client : clients)
      ASSERT_TRUE(client->send(request));
    for (auto& client : clients)
      ASSERT_EQ(client->read_exact(reply), TestClient::Outcome::kData);
  };
  for (int i = 0; i < 20; ++i)
    round();
  const long before = mbh::testing::allocations();
  for (int i = 0; i < 200; ++i)
    round();
  EXPECT_EQ(mbh::testing::allocations() - before, 0);
}

}  // namespace
}  // namespace mbh::transport::testing
