#include "harness/client/modbus_client.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "harness/codec/mbap_header.hpp"
#include "scripted_server.hpp"

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

// Read holding register 107, one register: the PDU most tests send.

ModbusClient client_for(const ScriptedServer& server, ClientOptions options = {}) {
  return ModbusClient(TargetAddress{"127.0.0.1", server.port()}, options);
}

ClientOptions with_timeout(std::chrono::milliseconds timeout) {
  ClientOptions options;
  options.response_timeout = timeout;
  return options;
}

codec::MbapHeader mbap_of(const std::vector<std::byte>& frame) {
  return codec::decode_mbap(std::span<const std::byte>(frame).first<codec::kMbapSize>());
}

// Answers each request, as the device whose register n holds n.
void serve_echo(ScriptedConnection& connection) {
  connection.serve(echo_answer);
}

TEST(ModbusClient, SendsTheRequestAndReturnsTheAnswer) {
  ScriptedServer server(serve_echo);
  auto client = client_for(server);
  const auto exchange = client.exchange(17, kRead);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  EXPECT_EQ(exchange.request, adu(1, 17, kRead));
  EXPECT_EQ(exchange.transaction_id, 1);
  EXPECT_EQ(exchange.response, adu(1, 17, bytes_of({0x03, 0x02, 0x00, 0x6B})));
  EXPECT_TRUE(exchange.error.empty());
  EXPECT_FALSE(codec::check_answers(mbap_of(exchange.response), mbap_of(exchange.request)));
  EXPECT_EQ(client.requests_sent(), 1U);
  EXPECT_EQ(client.reconnects(), 0U);
  EXPECT_TRUE(client.connected());
}

TEST(ModbusClient, NumbersTransactionsAndTakesAChosenId) {
  ScriptedServer server(serve_echo);
  auto client = client_for(server);
  EXPECT_EQ(client.exchange(1, kRead).transaction_id, 1);
  EXPECT_EQ(client.exchange(1, kRead).transaction_id, 2);
  const auto chosen = client.exchange(1, kRead, 0xBEEF);
  EXPECT_EQ(chosen.transaction_id, 0xBEEF);
  EXPECT_EQ(transaction_of(chosen.request), 0xBEEF);
  EXPECT_EQ(transaction_of(chosen.response), 0xBEEF);
  EXPECT_EQ(client.exchange(1, kRead).transaction_id, 3);  // a chosen id leaves the count
  EXPECT_EQ(client.requests_sent(), 4U);
}

TEST(ModbusClient, ConnectGivesThePeerAddress) {
  ScriptedServer server(serve_echo);
  auto client = client_for(server);
  const auto peer = client.connect();
  ASSERT_TRUE(peer.ok()) << peer.error();
  EXPECT_EQ(*peer, "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kAnswered);
  EXPECT_EQ(client.reconnects(), 0U);
}

TEST(ModbusClient, ResolvesANameAndTriesEachAddress) {
  // localhost may resolve to ::1 first, where nothing listens: refused, then 127.0.0.1.
  ScriptedServer server(serve_echo);
  ModbusClient client(TargetAddress{"localhost", server.port()});
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
}

// A device whose answers carry the request's id plus one: none is ever the answer. Each is
// discarded as an answer to a request never sent, and the request times out saying so.
TEST(ModbusClient, DiscardsAnswersWithTheWrongTransactionIdAndTimesOutSayingSo) {
  ScriptedServer server([](ScriptedConnection& connection) {
    connection.serve([](std::span<const std::byte> request) {
      auto answer = echo_answer(request);
      answer[1] = static_cast<std::byte>(std::to_integer<int>(answer[1]) + 1);
      return answer;
    });
  });
  auto client = client_for(server, with_timeout(300ms));
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kTimeout);
  EXPECT_TRUE(exchange.response.empty());
  EXPECT_EQ(exchange.error,
            "no answer carrying transaction id 1 within 300 ms; the device sent 1 frame with the "
            "wrong transaction id instead, discarded (answer to a request never sent with id 2)");
  EXPECT_GE(exchange.elapsed, 300ms);  // the wait went on after the wrong frame
  ASSERT_EQ(exchange.discarded.kept.size(), 1U);
  EXPECT_EQ(exchange.discarded.kept[0].kind, StrayKind::kNeverSent);
  EXPECT_EQ(exchange.discarded.kept[0].transaction_id, 2);
  EXPECT_EQ(exchange.discarded.kept[0].frame, adu(2, 1, bytes_of({0x03, 0x02, 0x00, 0x6B})));
  EXPECT_EQ(exchange.discarded.faults(), 1U);
  EXPECT_EQ(client.discarded(StrayKind::kNeverSent), 1U);
  EXPECT_TRUE(client.connected());
}

// A device that answers a request twice, answers one never sent, and sends a frame while
// nobody asked: every request still gets its own answer, and each stray frame is recorded,
// by kind, with the exchange that took it in.
TEST(ModbusClient, DiscardsDuplicateAndUnsolicitedFramesAndReturnsTheRightAnswers) {
  const auto unsent = adu(777, 1, bytes_of({0x03, 0x02, 0x00, 0x01}));
  const auto unasked = adu(888, 1, bytes_of({0x03, 0x02, 0x00, 0x02}));
  ScriptedServer server([&](ScriptedConnection& connection) {
    const auto first = connection.read_request();
    if (!first) return;
    auto twice = echo_answer(*first);
    const auto again = echo_answer(*first);
    twice.insert(twice.end(), again.begin(), again.end());
    connection.send(twice);  // the answer, and the same answer again
    const auto second = connection.read_request();
    if (!second) return;
    connection.send(unsent);  // an answer to a request never sent, before the right one
    connection.send(echo_answer(*second));
    connection.pause(30ms);
    connection.send(unasked);  // while the client is idle
    connection.serve(echo_answer);
  });
  auto client = client_for(server, with_timeout(1000ms));
  const auto first = client.exchange(1, kRead);
  ASSERT_EQ(first.status, ExchangeStatus::kAnswered) << first.error;
  EXPECT_EQ(transaction_of(first.response), 1);
  EXPECT_EQ(first.discarded.total(), 0U);

  const auto second = client.exchange(1, kRead);
  ASSERT_EQ(second.status, ExchangeStatus::kAnswered) << second.error;
  EXPECT_EQ(transaction_of(second.response), 2);
  ASSERT_EQ(second.discarded.kept.size(), 2U);
  EXPECT_EQ(second.discarded.kept[0].kind, StrayKind::kDuplicate);
  EXPECT_EQ(second.discarded.kept[0].frame, adu(1, 1, bytes_of({0x03, 0x02, 0x00, 0x6B})));
  EXPECT_EQ(second.discarded.kept[1].kind, StrayKind::kNeverSent);
  EXPECT_EQ(second.discarded.kept[1].frame, unsent);
  EXPECT_LT(second.elapsed, 500ms);  // the wait ended with the right answer

  std::this_thread::sleep_for(150ms);  // the unasked frame arrives
  const auto third = client.exchange(1, kRead);
  ASSERT_EQ(third.status, ExchangeStatus::kAnswered) << third.error;
  EXPECT_EQ(transaction_of(third.response), 3);
  ASSERT_EQ(third.discarded.kept.size(), 1U);
  EXPECT_EQ(third.discarded.kept[0].kind, StrayKind::kUnasked);
  EXPECT_EQ(third.discarded.kept[0].transaction_id, 888);
  EXPECT_EQ(third.discarded.kept[0].frame, unasked);

  EXPECT_EQ(client.discarded(StrayKind::kDuplicate), 1U);
  EXPECT_EQ(client.discarded(StrayKind::kNeverSent), 1U);
  EXPECT_EQ(client.discarded(StrayKind::kUnasked), 1U);
  EXPECT_EQ(client.late_answers(), 0U);
  EXPECT_EQ(client.reconnects(), 0U);
}

// A flood of stray frames: every one counted, the first two of a kind kept whole.
TEST(ModbusClient, CountsEveryDiscardedFrameAndKeepsTheFirstFewOfEachKind) {
  ScriptedServer server([](ScriptedConnection& connection) {
    const auto request = connection.read_request();
    if (!request) return;
    for (std::uint16_t id = 100; id < 105; ++id)
      connection.send(adu(id, 1, bytes_of({0x03, 0x02, 0x00, 0x00})));
    connection.send(echo_answer(*request));
    connection.serve(echo_answer);
  });
  auto client = client_for(server);
  const auto exchange = client.exchange(1, kRead);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  EXPECT_EQ(exchange.discarded.count(StrayKind::kNeverSent), 5U);
  EXPECT_EQ(exchange.discarded.total(), 5U);
  ASSERT_EQ(exchange.discarded.kept.size(), DiscardedFrames::kKeptPerKind);
  EXPECT_EQ(exchange.discarded.kept[1].transaction_id, 101);
  ASSERT_NE(exchange.discarded.first(StrayKind::kNeverSent), nullptr);
  EXPECT_EQ(exchange.discarded.first(StrayKind::kNeverSent)->transaction_id, 100);
  EXPECT_EQ(exchange.discarded.first(StrayKind::kDuplicate), nullptr);
}

TEST(ModbusClient, DiscardsALateAnswerAndCountsIt) {
  ScriptedServer server([](ScriptedConnection& connection) {
    const auto first = connection.read_request();
    const auto second = connection.read_request();
    if (!first || !second) return;
    connection.send(echo_answer(*first));  // too late: the client gave up on it
    connection.send(echo_answer(*second));
    connection.serve(echo_answer);
  });
  auto client = client_for(server, with_timeout(200ms));
  const auto timed_out = client.exchange(1, kRead);
  EXPECT_EQ(timed_out.status, ExchangeStatus::kTimeout);
  EXPECT_EQ(timed_out.error, "no answer within 200 ms");
  EXPECT_TRUE(timed_out.response.empty());
  EXPECT_TRUE(client.connected());  // a timeout keeps the connection

  const auto answered = client.exchange(1, kRead);
  ASSERT_EQ(answered.status, ExchangeStatus::kAnswered) << answered.error;
  EXPECT_EQ(transaction_of(answered.response), answered.transaction_id);
  EXPECT_EQ(answered.transaction_id, 2);
  ASSERT_EQ(answered.discarded.kept.size(), 1U);
  EXPECT_EQ(answered.discarded.kept[0].kind, StrayKind::kLate);
  EXPECT_EQ(answered.discarded.faults(), 0U);  // slow, not wrong
  EXPECT_EQ(client.late_answers(), 1U);
  EXPECT_EQ(client.reconnects(), 0U);
}

TEST(ModbusClient, ReportsGarbageAsMalformedAndReconnectsForTheNextExchange) {
  ScriptedServer server(std::vector<ScriptedServer::Script>{
      [](ScriptedConnection& connection) {
        if (!connection.read_request()) return;
        connection.send(bytes_of({0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x06, 0x01, 0x03, 0x00}));
        // The client must close, not wait for more (the next connection waits till then).
        (void)connection.read_request(1s);
      },
      serve_echo});
  auto client = client_for(server, with_timeout(500ms));
  const auto malformed = client.exchange(1, kRead);
  EXPECT_EQ(malformed.status, ExchangeStatus::kMalformed);
  EXPECT_EQ(malformed.error,
            "the answer cannot be framed: MBAP protocol id is not 0 at byte 2 (MBAP protocol_id): "
            "protocol id 48879: Modbus is 0");
  EXPECT_EQ(malformed.response, bytes_of({0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x06, 0x01, 0x03, 0x00}));
  EXPECT_LT(malformed.elapsed, 400ms);
  EXPECT_FALSE(client.connected());

  const auto next = client.exchange(1, kRead);
  EXPECT_EQ(next.status, ExchangeStatus::kAnswered) << next.error;
  EXPECT_EQ(client.reconnects(), 1U);
}

TEST(ModbusClient, ReportsAnOversizeLengthAsMalformed) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (!connection.read_request()) return;
    // Length 300: more than any PDU, whatever follows.
    connection.send(bytes_of({0x00, 0x01, 0x00, 0x00, 0x01, 0x2C, 0x01, 0x03, 0x02, 0x00, 0x6B}));
  });
  auto client = client_for(server);
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kMalformed);
  EXPECT_EQ(exchange.error,
            "the answer cannot be framed: MBAP length above 254 (unit id + 253-byte PDU) at byte 4 "
            "(MBAP length): length 300: at most 254 (unit id + 253-byte PDU)");
  EXPECT_FALSE(client.connected());
}

TEST(ModbusClient, ReportsAFrameShorterThanItsLengthAsIncompleteAtTheDeadline) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (!connection.read_request()) return;
    // Length 10 counts the unit id and 9 PDU bytes; 3 come.
    connection.send(bytes_of({0x00, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x01, 0x03, 0x02, 0x00}));
    connection.pause(2s);
  });
  auto client = client_for(server, with_timeout(300ms));
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kIncomplete);
  EXPECT_EQ(exchange.error, "only 10 of the answer's 16 bytes came within 300 ms");
  EXPECT_EQ(exchange.response.size(), 10U);
  EXPECT_GE(exchange.elapsed, 300ms);
  EXPECT_LT(exchange.elapsed, 800ms);
  EXPECT_FALSE(client.connected());
}

TEST(ModbusClient, TakesADripFedAnswerThatEndsBeforeTheDeadline) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (auto request = connection.read_request()) connection.drip(echo_answer(*request), 30ms);
  });
  auto client = client_for(server, with_timeout(1000ms));
  const auto exchange = client.exchange(1, kRead);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  EXPECT_EQ(exchange.response.size(), 11U);
  EXPECT_GE(exchange.elapsed, 250ms);  // 10 gaps of 30 ms
}

TEST(ModbusClient, DoesNotLetADripStretchTheDeadline) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (auto request = connection.read_request()) connection.drip(echo_answer(*request), 30ms);
  });
  auto client = client_for(server, with_timeout(150ms));
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kIncomplete);
  EXPECT_FALSE(exchange.response.empty());
  EXPECT_LT(exchange.response.size(), 11U);
  EXPECT_GE(exchange.elapsed, 150ms);
  EXPECT_LT(exchange.elapsed, 650ms);
}

TEST(ModbusClient, TimesOutOnSilenceWithinBounds) {
  ScriptedServer server([](ScriptedConnection& connection) {
    while (connection.read_request()) {
    }
  });
  auto client = client_for(server, with_timeout(300ms));
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kTimeout);
  EXPECT_EQ(exchange.request, adu(1, 1, kRead));  // it was sent
  EXPECT_GE(exchange.elapsed, 300ms);
  EXPECT_LT(exchange.elapsed, 800ms);
  EXPECT_TRUE(client.connected());
}

TEST(ModbusClient, GivesUpSendingToADeviceThatDoesNotRead) {
  ScriptedServer server([](ScriptedConnection& connection) { connection.pause(2s); });
  auto client = client_for(server, with_timeout(300ms));
  // More than the socket buffers on both sides hold: the write cannot complete.
  const std::vector<std::byte> huge(64U << 20U, std::byte{0});
  const auto exchange = client.exchange_raw(huge);
  EXPECT_EQ(exchange.status, ExchangeStatus::kTimeout);
  EXPECT_EQ(exchange.error, "could not send the request within 300 ms (the device is not reading)");
  EXPECT_LT(exchange.elapsed, 800ms);
  EXPECT_FALSE(client.connected());  // part of it is on the wire
}

TEST(ModbusClient, JudgesBytesThatArrivedWhileIdleWithTheNextExchange) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (auto request = connection.read_request()) connection.send(echo_answer(*request));
    connection.send(bytes_of({0x00, 0x07, 0x00, 0x09, 0x00, 0x03, 0x01}));  // unasked, protocol 9
    (void)connection.read_request(1s);
  });
  auto client = client_for(server);
  ASSERT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kAnswered);
  std::this_thread::sleep_for(50ms);
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kMalformed);
  EXPECT_EQ(exchange.error,
            "the answer cannot be framed: MBAP protocol id is not 0 at byte 2 (MBAP protocol_id): "
            "protocol id 9: Modbus is 0");
}

TEST(ModbusClient, ReportsACloseMidFrame) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (auto request = connection.read_request()) {
      connection.send(std::span<const std::byte>(echo_answer(*request)).first(4));
    }
  });
  auto client = client_for(server);
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kClosed);
  EXPECT_EQ(exchange.error,
            "the device closed the connection after 4 bytes of the answer, short of an MBAP "
            "header");
  EXPECT_EQ(exchange.response.size(), 4U);
  EXPECT_LT(exchange.elapsed, 500ms);
  EXPECT_FALSE(client.connected());
}

TEST(ModbusClient, ReportsAResetMidFrame) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (auto request = connection.read_request()) {
      connection.send(std::span<const std::byte>(echo_answer(*request)).first(8));
      connection.pause(50ms);  // let the bytes arrive before the reset discards them
      connection.reset();
    }
  });
  auto client = client_for(server);
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kClosed);
  EXPECT_THAT(exchange.error, HasSubstr("reset the connection"));
  EXPECT_LT(exchange.elapsed, 500ms);
}

TEST(ModbusClient, ReportsACloseBeforeAnyAnswer) {
  ScriptedServer server([](ScriptedConnection& connection) { (void)connection.read_request(); });
  auto client = client_for(server);
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kClosed);
  EXPECT_EQ(exchange.error, "the device closed the connection before answering");
  EXPECT_TRUE(exchange.response.empty());
}

TEST(ModbusClient, FailsQuicklyWhenTheConnectionIsRefused) {
  const std::uint16_t port = testing::unused_port();
  ModbusClient client(TargetAddress{"127.0.0.1", port});
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kConnectFailed);
  EXPECT_EQ(exchange.error, "connection refused by 127.0.0.1:" + std::to_string(port));
  EXPECT_TRUE(exchange.request.empty());
  EXPECT_LT(exchange.elapsed, 500ms);
  EXPECT_EQ(client.requests_sent(), 0U);
  const auto connected = client.connect();
  ASSERT_FALSE(connected.ok());
  EXPECT_EQ(connected.error(), exchange.error);
}

TEST(ModbusClient, ReopensAConnectionTheDeviceClosedWhileIdle) {
  ScriptedServer server(
      std::vector<ScriptedServer::Script>{[](ScriptedConnection& connection) {
                                            if (auto request = connection.read_request())
                                              connection.send(echo_answer(*request));
                                          },  // then closes: an idle timeout
                                          serve_echo});
  auto client = client_for(server);
  ASSERT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kAnswered);
  std::this_thread::sleep_for(100ms);  // the close arrives
  const auto exchange = client.exchange(1, kRead);
  EXPECT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  EXPECT_EQ(client.reconnects(), 1U);
}

TEST(ModbusClient, KeepsBytesAfterTheAnswerForTheNextExchange) {
  ScriptedServer server([](ScriptedConnection& connection) {
    auto request = connection.read_request();
    if (!request) return;
    auto answers = echo_answer(*request);
    const auto stray = adu(999, 1, bytes_of({0x03, 0x02, 0x00, 0x00}));
    answers.insert(answers.end(), stray.begin(), stray.end());
    connection.send(answers);  // the answer and a stray frame in one segment
    connection.serve(echo_answer);
  });
  auto client = client_for(server);
  const auto first = client.exchange(1, kRead);
  ASSERT_EQ(first.status, ExchangeStatus::kAnswered);
  EXPECT_EQ(transaction_of(first.response), 1);
  // The stray frame is judged by the next exchange: sent unasked, discarded, and the next
  // request still gets its own answer.
  const auto second = client.exchange(1, kRead);
  ASSERT_EQ(second.status, ExchangeStatus::kAnswered);
  EXPECT_EQ(transaction_of(second.response), 2);
  ASSERT_EQ(second.discarded.kept.size(), 1U);
  EXPECT_EQ(second.discarded.kept[0].kind, StrayKind::kUnasked);
  EXPECT_EQ(second.discarded.kept[0].transaction_id, 999);
}

TEST(ModbusClient, SendsARawAduAsGiven) {
  std::promise<std::vector<std::byte>> seen;
  ScriptedServer server([&seen](ScriptedConnection& connection) {
    auto request = connection.read_request();
    if (!request) return;
    seen.set_value(*request);
    connection.send(adu(0x1234, 1, bytes_of({0x83, 0x01})));
  });
  // Protocol id 5: the R-MBAP suite's kind of request.
  const auto raw =
      bytes_of({0x12, 0x34, 0x00, 0x05, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01});
  auto client = client_for(server);
  const auto exchange = client.exchange_raw(raw);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  EXPECT_EQ(exchange.transaction_id, 0x1234);
  EXPECT_EQ(exchange.request, raw);
  EXPECT_EQ(seen.get_future().get(), raw);
}

TEST(ModbusClient, PacesRequestsAtTheRate) {
  ScriptedServer server(serve_echo);
  ClientOptions options;
  options.rate = 20;  // one request each 50 ms
  auto client = client_for(server, options);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kAnswered);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);  // (5 - 1) / 20 s
}

TEST(ModbusClient, EndsAWaitWhenInterrupted) {
  ScriptedServer server([](ScriptedConnection& connection) {
    while (connection.read_request()) {
    }
  });
  std::atomic<bool> interrupt{false};
  ClientOptions options;
  options.response_timeout = 5s;
  options.interrupt = &interrupt;
  auto client = client_for(server, options);
  std::thread raiser([&interrupt] {
    std::this_thread::sleep_for(100ms);
    interrupt = true;
  });
  const auto exchange = client.exchange(1, kRead);
  raiser.join();
  EXPECT_EQ(exchange.status, ExchangeStatus::kInterrupted);
  EXPECT_GE(exchange.elapsed, 100ms);
  EXPECT_LT(exchange.elapsed, 1s);
  // Raised, it stops the next exchange before it sends anything.
  const auto next = client.exchange(1, kRead);
  EXPECT_EQ(next.status, ExchangeStatus::kInterrupted);
  EXPECT_EQ(client.requests_sent(), 1U);
}

TEST(ModbusClient, NamesEveryStatus) {
  for (const auto status :
       {ExchangeStatus::kAnswered, ExchangeStatus::kTimeout, ExchangeStatus::kIncomplete,
        ExchangeStatus::kClosed, ExchangeStatus::kMalformed, ExchangeStatus::kConnectFailed,
        ExchangeStatus::kInterrupted}) {
    EXPECT_FALSE(status_name(status).empty());
    EXPECT_NE(status_name(status), "unknown");
  }
  EXPECT_EQ(status_name(ExchangeStatus::kConnectFailed), "connect-failed");
}

}  // namespace
}  // namespace mbh::client
