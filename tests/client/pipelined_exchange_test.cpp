#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "harness/client/modbus_client.hpp"
#include "scripted_server.hpp"

// A frame and a valid read right behind it (exchange_pipelined): the read's answer bounds the
// wait for the frame's, whatever the device does with the frame.
namespace mbh::client {
namespace {

using namespace std::chrono_literals;
using testing::adu;
using testing::bytes_of;
using testing::echo_answer;
using ::testing::HasSubstr;
using testing::kRead;
using testing::ScriptedConnection;
using testing::ScriptedServer;
using testing::transaction_of;

const std::vector<std::byte> kOdd = bytes_of({0x41, 0x01, 0x02});  // a function nobody has

ModbusClient client_for(const ScriptedServer& server, std::chrono::milliseconds timeout) {
  ClientOptions options;
  options.response_timeout = timeout;
  return ModbusClient(TargetAddress{"127.0.0.1", server.port()}, options);
}

// Answers every request but those of function 0x41, which it drops without a word.
void serve_dropping_odd(ScriptedConnection& connection) {
  while (auto request = connection.read_request()) {
    if (std::to_integer<int>((*request)[7]) == 0x41) continue;
    if (!connection.send(echo_answer(*request))) return;
  }
}

TEST(PipelinedExchange, TakesBothAnswersWhenTheDeviceAnswersBoth) {
  ScriptedServer server(serve_dropping_odd);
  auto client = client_for(server, 2s);
  const auto pair = client.exchange_pipelined(adu(5, 1, kRead), adu(0x8005, 1, kRead));
  ASSERT_EQ(pair.frame.status, ExchangeStatus::kAnswered) << pair.frame.error;
  ASSERT_EQ(pair.probe.status, ExchangeStatus::kAnswered) << pair.probe.error;
  EXPECT_FALSE(pair.frame_dropped);
  EXPECT_EQ(transaction_of(pair.frame.response), 5);
  EXPECT_EQ(transaction_of(pair.probe.response), 0x8005);
  EXPECT_EQ(client.requests_sent(), 2U);
  EXPECT_LE(pair.frame.elapsed, pair.probe.elapsed);
}

TEST(PipelinedExchange, ADroppedFrameCostsTheReadsRoundTripNotTheTimeout) {
  ScriptedServer server(serve_dropping_odd);
  // The timeout is long: the test would take 10 s if the wait were not bounded by the read.
  auto client = client_for(server, 10s);
  const auto pair = client.exchange_pipelined(adu(9, 1, kOdd), adu(0x8009, 1, kRead));
  EXPECT_TRUE(pair.frame_dropped);
  EXPECT_EQ(pair.frame.status, ExchangeStatus::kTimeout);
  EXPECT_THAT(pair.frame.error, HasSubstr("answered the valid read sent after it"));
  ASSERT_EQ(pair.probe.status, ExchangeStatus::kAnswered) << pair.probe.error;
  EXPECT_EQ(transaction_of(pair.probe.response), 0x8009);
  EXPECT_LT(pair.probe.elapsed, 5s);
  // The connection goes on: the next exchange is answered on it.
  EXPECT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kAnswered);
  EXPECT_EQ(client.reconnects(), 0U);
}

TEST(PipelinedExchange, ALateAnswerToTheDroppedFrameIsDiscardedAsLate) {
  ScriptedServer server([](ScriptedConnection& connection) {
    const auto frame = connection.read_request();
    const auto read = connection.read_request();
    if (!frame || !read) return;
    connection.send(echo_answer(*read));  // out of order: the frame's answer after the read's
    connection.send(echo_answer(*frame));
    connection.serve(echo_answer);
  });
  auto client = client_for(server, 2s);
  const auto pair = client.exchange_pipelined(adu(3, 1, kRead), adu(0x8003, 1, kRead));
  EXPECT_TRUE(pair.frame_dropped);
  const auto next = client.exchange(1, kRead, 77);
  ASSERT_EQ(next.status, ExchangeStatus::kAnswered) << next.error;
  EXPECT_EQ(transaction_of(next.response), 77);
  EXPECT_EQ(next.discarded.count(StrayKind::kLate), 1U);
}

TEST(PipelinedExchange, ACloseEndsBothExchanges) {
  ScriptedServer server([](ScriptedConnection& connection) { (void)connection.read_request(); });
  auto client = client_for(server, 2s);
  const auto pair = client.exchange_pipelined(adu(4, 1, kOdd), adu(0x8004, 1, kRead));
  EXPECT_FALSE(pair.frame_dropped);
  EXPECT_EQ(pair.frame.status, ExchangeStatus::kClosed);
  EXPECT_EQ(pair.probe.status, ExchangeStatus::kClosed);
  EXPECT_FALSE(client.connected());
}

TEST(PipelinedExchange, SilenceEndsBothAtTheTimeout) {
  ScriptedServer server([](ScriptedConnection& connection) {
    while (connection.read_request()) {
    }
  });
  auto client = client_for(server, 200ms);
  const auto pair = client.exchange_pipelined(adu(6, 1, kRead), adu(0x8006, 1, kRead));
  EXPECT_EQ(pair.frame.status, ExchangeStatus::kTimeout);
  EXPECT_EQ(pair.probe.status, ExchangeStatus::kTimeout);
  EXPECT_GE(pair.probe.elapsed, 200ms);
  EXPECT_LT(pair.probe.elapsed, 2s);
}

TEST(PipelinedExchange, AFrameAnsweredButTheReadNotIsToldApart) {
  ScriptedServer server([](ScriptedConnection& connection) {
    const auto frame = connection.read_request();
    if (!frame) return;
    connection.send(echo_answer(*frame));
    connection.reset();  // and then it is gone
  });
  auto client = client_for(server, 2s);
  const auto pair = client.exchange_pipelined(adu(8, 1, kRead), adu(0x8008, 1, kRead));
  ASSERT_EQ(pair.frame.status, ExchangeStatus::kAnswered) << pair.frame.error;
  EXPECT_EQ(pair.probe.status, ExchangeStatus::kClosed);
}

TEST(SendRaw, SendsWithoutWaitingAndLeavesTheAnswerToTheNextExchange) {
  ScriptedServer server([](ScriptedConnection& connection) { connection.serve(echo_answer); });
  auto client = client_for(server, 10s);
  const auto sent = client.send_raw(adu(11, 1, kRead));
  EXPECT_EQ(sent.status, ExchangeStatus::kTimeout);
  EXPECT_EQ(sent.error, "sent; no answer waited for");
  EXPECT_LT(sent.elapsed, 5s);
  // Its answer, when it comes, is a late one: never taken for the next request's.
  const auto next = client.exchange(1, kRead, 12);
  ASSERT_EQ(next.status, ExchangeStatus::kAnswered) << next.error;
  EXPECT_EQ(transaction_of(next.response), 12);
}

}  // namespace
}  // namespace mbh::client
