#include "harness/transport/tcp_server.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

#include "server_fixture.hpp"
#include "test_client.hpp"

namespace mbh::transport::testing {
namespace {

using Action = Reply::Action;
using Outcome = TestClient::Outcome;
using Clock = std::chrono::steady_clock;

std::vector<std::byte> concat(std::initializer_list<std::vector<std::byte>> parts) {
  std::vector<std::byte> out;
  for (const auto& part : parts)
    out.insert(out.end(), part.begin(), part.end());
  return out;
}

std::vector<std::byte> bytes(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (int v : values)
    out.push_back(static_cast<std::byte>(v));
  return out;
}

class TcpServerTest : public ServerFixture {};

TEST_F(TcpServerTest, AnswersARequest) {
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.send(read_request(0x1234, 40, 3)));
  EXPECT_TRUE(answers(client.read_frame(), 0x1234, 40, 3));
  EXPECT_EQ(handler_.handled, 1);
}

TEST_F(TcpServerTest, AnswersAFrameSplitIntoOneByteWrites) {
  start();
  TestClient client(port_);
  const auto request = read_request(7, 100, 2);
  for (std::byte b : request) {
    ASSERT_TRUE(client.send({&b, 1}));
    std::this_thread::sleep_for(2ms);  // separate segments, so the framer sees every split
  }
  EXPECT_TRUE(answers(client.read_frame(), 7, 100, 2));
  EXPECT_EQ(handler_.handled, 1);
}

TEST_F(TcpServerTest, AnswersSeveralFramesOfOneWriteInOrder) {
  start();
  TestClient client(port_);
  std::vector<std::byte> burst;
  for (std::uint16_t t = 1; t <= 8; ++t) {
    const auto request = read_request(t, static_cast<std::uint16_t>(t * 10));
    burst.insert(burst.end(), request.begin(), request.end());
  }
  ASSERT_TRUE(client.send(burst));
  for (std::uint16_t t = 1; t <= 8; ++t) {
    EXPECT_TRUE(answers(client.read_frame(), t, static_cast<std::uint16_t>(t * 10)));
  }
}

TEST_F(TcpServerTest, KeepsReplyOrderWhenAnEarlierReplyIsDelayed) {
  handler_.behaviours[100] = {Action::kSend, 300ms};
  start();
  TestClient client(port_);
  const auto started = Clock::now();
  ASSERT_TRUE(client.send(concat({read_request(1, 100), read_request(2, 5)})));
  EXPECT_TRUE(answers(client.read_frame(), 1, 100));
  EXPECT_TRUE(answers(client.read_frame(), 2, 5));
  EXPECT_GE(Clock::now() - started, 250ms);
}

TEST_F(TcpServerTest, ASlowReplyDelaysNoOtherConnection) {
  handler_.behaviours[100] = {Action::kSend, 1500ms};
  start();
  TestClient slow(port_);
  TestClient quick(port_);
  ASSERT_TRUE(slow.send(read_request(1, 100)));
  std::this_thread::sleep_for(20ms);
  const auto started = Clock::now();
  ASSERT_TRUE(quick.send(read_request(2, 5)));
  EXPECT_TRUE(answers(quick.read_frame(), 2, 5));
  EXPECT_LT(Clock::now() - started, 1000ms);
  EXPECT_EQ(slow.wait(0ms), Outcome::kTimeout);  // still owed
  EXPECT_TRUE(answers(slow.read_frame(3s), 1, 100));
}

TEST_F(TcpServerTest, ClosesOnABadProtocolId) {
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(bytes({0x00, 0x01, 0x00, 0x01, 0x00, 0x06, 0x01, 0x03, 0, 0, 0, 1})));
  EXPECT_EQ(client.wait(3s), Outcome::kClosed);
  EXPECT_EQ(handler_.handled, 0);
}

TEST_F(TcpServerTest, ClosesOnLengthZero) {
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(bytes({0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01})));
  EXPECT_EQ(client.wait(3s), Outcome::kClosed);
  EXPECT_EQ(handler_.handled, 0);
}

TEST_F(TcpServerTest, AnswersTheFramesBeforeAFramingErrorThenCloses) {
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(concat({read_request(1, 10), bytes({0, 2, 0, 0, 0x01, 0x00, 1})})));
  EXPECT_TRUE(answers(client.read_frame(), 1, 10));
  EXPECT_EQ(client.wait(3s), Outcome::kClosed);
}

TEST_F(TcpServerTest, AnswersWhatAHalfClosedPeerAskedThenCloses) {
  handler_.behaviours[100] = {Action::kSend, 100ms};
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(concat({read_request(1, 100), read_request(2, 20)})));
  client.shutdown_write();
  EXPECT_TRUE(answers(client.read_frame(), 1, 100));
  EXPECT_TRUE(answers(client.read_frame(), 2, 20));
  EXPECT_EQ(client.wait(3s), Outcome::kClosed);
}

TEST_F(TcpServerTest, ClosesAnIdleConnection) {
  start({.idle_timeout = 200ms});
  TestClient idle(port_);
  TestClient talking(port_);
  const auto started = Clock::now();
  for (std::uint16_t i = 0; i < 6; ++i) {  // 600 ms of traffic, never 200 ms apart
    ASSERT_TRUE(talking.send(read_request(i, i)));
    EXPECT_TRUE(answers(talking.read_frame(), i, i));
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(idle.wait(3s), Outcome::kClosed);
  EXPECT_GE(Clock::now() - started, 150ms);
  EXPECT_EQ(talking.wait(0ms), Outcome::kTimeout);  // still open
  EXPECT_TRUE(eventually([&] { return connections() == 1; }));
}

TEST_F(TcpServerTest, ADelayLongerThanTheIdleTimeoutIsNotIdleness) {
  handler_.behaviours[100] = {Action::kSend, 500ms};
  start({.idle_timeout = 200ms});
  TestClient client(port_);
  ASSERT_TRUE(client.send(read_request(1, 100)));
  EXPECT_TRUE(answers(client.read_frame(), 1, 100));
}

TEST_F(TcpServerTest, ClosesConnectionsPastMaxConnectionsAtOnce) {
  start({.max_connections = 2});
  TestClient first(port_);
  TestClient second(port_);
  for (auto* client : {&first, &second}) {
    ASSERT_TRUE(client->send(read_request(1, 1)));
    EXPECT_TRUE(answers(client->read_frame(), 1, 1));
  }
  TestClient third(port_);
  ASSERT_TRUE(third.connected());  // the kernel completes the handshake; the server closes it
  EXPECT_EQ(third.wait(3s), Outcome::kClosed);
  first.close();
  ASSERT_TRUE(eventually([&] { return connections() == 1; }));
  TestClient fourth(port_);
  ASSERT_TRUE(fourth.send(read_request(4, 4)));
  EXPECT_TRUE(answers(fourth.read_frame(), 4, 4));
}

TEST_F(TcpServerTest, AnswersAThousandConcurrentConnections) {
  start();
  constexpr std::uint16_t kClients = 1000;
  std::vector<TestClient> clients;
  clients.reserve(kClients);
  for (std::uint16_t i = 0; i < kClients; ++i) {
    clients.emplace_back(port_);
    ASSERT_TRUE(clients.back().connected()) << i;
    ASSERT_TRUE(clients.back().send(read_request(i, i)));
  }
  for (std::uint16_t i = 0; i < kClients; ++i) {
    ASSERT_TRUE(answers(clients[i].read_frame(), i, i)) << i;
  }
  EXPECT_EQ(connections(), kClients);
}

TEST_F(TcpServerTest, StopsReadingWhileTheReplyQueueIsFull) {
  handler_.behaviours[100] = {Action::kSend, 300ms};
  start({.max_pending_replies = 4});
  TestClient client(port_);
  std::vector<std::byte> burst = read_request(0, 100);
  for (std::uint16_t t = 1; t < 50; ++t) {
    const auto request = read_request(t, t);
    burst.insert(burst.end(), request.begin(), request.end());
  }
  ASSERT_TRUE(client.send(burst));
  std::this_thread::sleep_for(150ms);
  EXPECT_EQ(handler_.handled, 4);  // the delayed first reply holds the queue full
  for (std::uint16_t t = 0; t < 50; ++t) {
    EXPECT_TRUE(answers(client.read_frame(), t, t == 0 ? 100 : t)) << t;
  }
  EXPECT_EQ(handler_.handled, 50);
}

TEST_F(TcpServerTest, AnswersMorePipelinedRequestsThanItBuffers) {
  start({.max_pending_replies = 4});
  TestClient client(port_);
  constexpr std::uint16_t kRequests = 2000;  // 24 kB: far more than the framer and the queue
  std::vector<std::byte> burst;
  for (std::uint16_t t = 0; t < kRequests; ++t) {
    const auto request = read_request(t, t, 4);
    burst.insert(burst.end(), request.begin(), request.end());
  }
  ASSERT_TRUE(client.send(burst));
  for (std::uint16_t t = 0; t < kRequests; ++t) {
    ASSERT_TRUE(answers(client.read_frame(), t, t, 4)) << t;
  }
}

TEST_F(TcpServerTest, SilenceAnswersNothingAndKeepsReading) {
  handler_.behaviours[200] = {Action::kSilence};
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(read_request(1, 200)));
  EXPECT_EQ(client.wait(300ms), Outcome::kTimeout);
  ASSERT_TRUE(client.send(read_request(2, 5)));
  EXPECT_TRUE(answers(client.read_frame(), 2, 5));
}

TEST_F(TcpServerTest, CloseSendsTheReplyThenCloses) {
  handler_.behaviours[300] = {Action::kClose};
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(concat({read_request(1, 300), read_request(2, 5)})));
  EXPECT_TRUE(answers(client.read_frame(), 1, 300));
  EXPECT_EQ(client.wait(3s), Outcome::kClosed);  // the request after it is not answered
  EXPECT_EQ(handler_.handled, 1);
}

TEST_F(TcpServerTest, CloseWithNoBytesJustCloses) {
  handler_.behaviours[301] = {Action::kClose, 0ms, true};
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(read_request(1, 301)));
  EXPECT_EQ(client.wait(3s), Outcome::kClosed);
}

TEST_F(TcpServerTest, AnEmptySendIsSkippedAndTheNextRequestAnswered) {
  handler_.behaviours[302] = {Action::kSend, 0ms, true};
  start();
  TestClient client(port_);
  ASSERT_TRUE(client.send(concat({read_request(1, 302), read_request(2, 5)})));
  EXPECT_TRUE(answers(client.read_frame(), 2, 5));
}

TEST_F(TcpServerTest, HangStopsAnsweringEverywhereButKeepsConnectionsOpen) {
  handler_.behaviours[400] = {Action::kHang};
  handler_.behaviours[100] = {Action::kSend, 300ms};
  start();
  TestClient hanging(port_);
  TestClient other(port_);
  TestClient owed(port_);
  for (auto* client : {&hanging, &other, &owed}) {
    ASSERT_TRUE(client->send(read_request(1, 1)));
    EXPECT_TRUE(answers(client->read_frame(), 1, 1));
  }
  ASSERT_TRUE(owed.send(read_request(2, 100)));  // its delayed reply will never come
  ASSERT_TRUE(hanging.send(read_request(2, 400)));
  ASSERT_TRUE(eventually([&] { return hung(); }));
  ASSERT_TRUE(other.send(read_request(3, 3)));
  EXPECT_EQ(hanging.wait(500ms), Outcome::kTimeout);
  EXPECT_EQ(other.wait(0ms), Outcome::kTimeout);
  EXPECT_EQ(owed.wait(0ms), Outcome::kTimeout);
  TestClient late(port_);  // a new connection is still taken, and left unanswered
  ASSERT_TRUE(late.connected());
  ASSERT_TRUE(late.send(read_request(4, 4)));
  EXPECT_EQ(late.wait(300ms), Outcome::kTimeout);
  EXPECT_EQ(connections(), 4U);
}

TEST_F(TcpServerTest, HangOutlastsTheIdleTimeout) {
  handler_.behaviours[400] = {Action::kHang};
  start({.idle_timeout = 100ms});
  TestClient client(port_);
  ASSERT_TRUE(client.send(read_request(1, 400)));
  EXPECT_EQ(client.wait(500ms), Outcome::kTimeout);  // neither answered nor closed
}

TEST(TcpServerDeathTest, CrashAbortsTheProcess) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        // One thread: the kernel completes the handshake and buffers the request before the
        // server accepts it; run_for() then reads, asks the handler, and aborts.
        asio::io_context io;
        TestHandler handler;
        handler.behaviours[500] = {Action::kCrash};
        TcpServer server(io, {.port = 0}, handler);
        TestClient client(server.local_endpoint().port());
        if (client.send(read_request(1, 500))) io.run_for(5s);
      },
      "");
}

TEST_F(TcpServerTest, StopClosesEverythingAndTheLoopReturns) {
  handler_.behaviours[100] = {Action::kSend, 2000ms};
  start();
  std::vector<TestClient> clients;
  for (std::uint16_t i = 0; i < 3; ++i) {
    clients.emplace_back(port_);
    ASSERT_TRUE(clients.back().send(read_request(i, i)));
    EXPECT_TRUE(answers(clients.back().read_frame(), i, i));
  }
  ASSERT_TRUE(clients[0].send(read_request(9, 100)));  // a reply pending on a timer
  ASSERT_TRUE(eventually([&] { return handler_.handled == 4; }));
  EXPECT_TRUE(stop_and_join());
  for (auto& client : clients)
    EXPECT_EQ(client.wait(3s), Outcome::kClosed);
  EXPECT_FALSE(TestClient(port_).connected());
}

TEST_F(TcpServerTest, ServesIpv6Loopback) {
  try {
    start({.bind_address = "::1"});
  } catch (const std::system_error& error) {
    GTEST_SKIP() << "no IPv6 loopback here: " << error.what();
  }
  EXPECT_TRUE(server_->local_endpoint().address().is_v6());
  TestClient client(port_, "::1");
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.send(read_request(6, 6)));
  EXPECT_TRUE(answers(client.read_frame(), 6, 6));
}

TEST_F(TcpServerTest, RefusesAPortInUse) {
  start();
  asio::io_context other;
  TestHandler handler;
  EXPECT_THROW(TcpServer(other, {.port = port_}, handler), std::system_error);
}

TEST(TcpServer, RefusesABindAddressThatIsNoIpLiteral) {
  asio::io_context io;
  TestHandler handler;
  EXPECT_THROW(TcpServer(io, {.bind_address = "localhost", .port = 0}, handler),
               std::invalid_argument);
}

TEST(BindAddress, ParsesIpv4AndIpv6LiteralsBracketedOrNot) {
  EXPECT_TRUE(parse_bind_address("127.0.0.1"));
  EXPECT_TRUE(parse_bind_address("0.0.0.0"));
  EXPECT_TRUE(parse_bind_address("::1"));
  EXPECT_TRUE(parse_bind_address("[::1]"));
  EXPECT_TRUE(parse_bind_address("::"));
  EXPECT_FALSE(parse_bind_address(""));
  EXPECT_FALSE(parse_bind_address("localhost"));
  EXPECT_FALSE(parse_bind_address("127.0.0.1:502"));
  EXPECT_FALSE(parse_bind_address("[::1"));
}

TEST(BindAddress, KnowsWhichAddressesOnlyThisHostReaches) {
  for (const char* text : {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(is_loopback(*parse_bind_address(text))) << text;
  }
  for (const char* text : {"0.0.0.0", "::", "192.168.1.10", "::ffff:10.0.0.1", "fe80::1"}) {
    EXPECT_FALSE(is_loopback(*parse_bind_address(text))) << text;
  }
}

TEST(BindAddress, WritesEndpointsAsTargetsAreWritten) {
  EXPECT_EQ(endpoint_text({*parse_bind_address("127.0.0.1"), 5020}), "127.0.0.1:5020");
  EXPECT_EQ(endpoint_text({*parse_bind_address("::1"), 5020}), "[::1]:5020");
}

}  // namespace
}  // namespace mbh::transport::testing
