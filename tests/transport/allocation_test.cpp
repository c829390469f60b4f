// The server's per-request path allocates nothing once a connection is warm: the framer reads
// in place, replies reuse their slots, and Asio recycles its operation memory. Counted with a
// replaced global operator new, so in a binary of its own (and not under ASan, which owns
// operator new there).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "harness/transport/tcp_server.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MBH_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MBH_ASAN 1
#endif

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

#ifndef MBH_ASAN
void* operator new(std::size_t size) {
  ++g_allocations;
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t /*size*/) noexcept {
  std::free(memory);
}
#endif

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
  const long before = g_allocations;
  EXPECT_GT(before, 0);  // the counter counts: connecting and warming up allocated
  for (int i = 0; i < 500; ++i) {
    round_trip(request, 1);
    round_trip(pipelined, 4);
  }
  EXPECT_EQ(g_allocations - before, 0);
}

}  // namespace
}  // namespace mbh::transport::testing
