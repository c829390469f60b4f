#include "harness/client/frame_tap.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <variant>
#include <vector>

#include "harness/client/modbus_client.hpp"
#include "scripted_server.hpp"

// What a client tells its tap (ClientOptions::tap): the connection's real ends, the bytes as
// written and as read (garbage and partial frames too), and who ended the connection.
namespace mbh::client {
namespace {

using namespace std::chrono_literals;
using testing::bytes_of;
using testing::echo_answer;
using testing::kRead;
using testing::ScriptedConnection;
using testing::ScriptedServer;

struct Opened {
  ConnectionEnds ends;
};
struct Sent {
  TapConnectionId id;
  std::vector<std::byte> bytes;
};
struct Received {
  TapConnectionId id;
  std::vector<std::byte> bytes;
};
struct Closed {
  TapConnectionId id;
  ConnectionEnd how;
};
using Event = std::variant<Opened, Sent, Received, Closed>;

// Every call in order, the times checked to move forward.
class RecordingTap final : public FrameTap {
 public:
  TapConnectionId opened(const ConnectionEnds& ends, TapClock::time_point at) override {
    stamp(at);
    events.emplace_back(Opened{ends});
    return ++last_id;
  }
  void sent(TapConnectionId id, std::span<const std::byte> bytes,
            TapClock::time_point at) override {
    stamp(at);
    events.emplace_back(Sent{id, {bytes.begin(), bytes.end()}});
  }
  void received(TapConnectionId id, std::span<const std::byte> bytes,
                TapClock::time_point at) override {
    stamp(at);
    events.emplace_back(Received{id, {bytes.begin(), bytes.end()}});
  }
  void closed(TapConnectionId id, ConnectionEnd how, TapClock::time_point at) override {
    stamp(at);
    events.emplace_back(Closed{id, how});
  }

  // All the bytes received on connection `id`, the chunks joined.
  std::vector<std::byte> received_on(TapConnectionId id) const {
    std::vector<std::byte> all;
    for (const auto& event : events) {
      if (const auto* r = std::get_if<Received>(&event); r != nullptr && r->id == id)
        all.insert(all.end(), r->bytes.begin(), r->bytes.end());
    }
    return all;
  }
  template <class Kind>
  std::vector<Kind> all() const {
    std::vector<Kind> found;
    for (const auto& event : events) {
      if (const auto* e = std::get_if<Kind>(&event)) found.push_back(*e);
    }
    return found;
  }

  std::vector<Event> events;
  TapConnectionId last_id = 0;
  bool time_went_back = false;

 private:
  void stamp(TapClock::time_point at) {
    // The wall clock may be stepped; on a test machine it is not, within a test.
    if (at < last_time) time_went_back = true;
    last_time = at;
  }
  TapClock::time_point last_time{};
};

ModbusClient tapped_client(const ScriptedServer& server, RecordingTap& tap,
                           std::chrono::milliseconds timeout = 1000ms) {
  ClientOptions options;
  options.response_timeout = timeout;
  options.tap = &tap;
  return ModbusClient(TargetAddress{"127.0.0.1", server.port()}, options);
}

TEST(FrameTap, HearsTheConnectionsRealEndsEveryByteAndOurClose) {
  ScriptedServer server([](ScriptedConnection& connection) { connection.serve(echo_answer); });
  RecordingTap tap;
  auto client = tapped_client(server, tap);
  const auto exchange = client.exchange(17, kRead);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  client.disconnect();

  ASSERT_EQ(tap.all<Opened>().size(), 1U);
  const ConnectionEnds ends = tap.all<Opened>()[0].ends;
  EXPECT_FALSE(ends.remote.ipv6);
  EXPECT_EQ(ends.remote.address_bytes().size(), 4U);
  EXPECT_EQ(std::vector<std::byte>(ends.remote.address_bytes().begin(),
                                   ends.remote.address_bytes().end()),
            bytes_of({127, 0, 0, 1}));
  EXPECT_EQ(ends.remote.port, server.port());
  EXPECT_NE(ends.local.port, 0);  // the port the system chose, not a placeholder
  EXPECT_EQ(
      std::vector<std::byte>(ends.local.address_bytes().begin(), ends.local.address_bytes().end()),
      bytes_of({127, 0, 0, 1}));

  ASSERT_EQ(tap.all<Sent>().size(), 1U);
  EXPECT_EQ(tap.all<Sent>()[0].id, 1U);
  EXPECT_EQ(tap.all<Sent>()[0].bytes, exchange.request);
  EXPECT_EQ(tap.received_on(1), exchange.response);
  ASSERT_EQ(tap.all<Closed>().size(), 1U);
  EXPECT_EQ(tap.all<Closed>()[0].id, 1U);
  EXPECT_EQ(tap.all<Closed>()[0].how, ConnectionEnd::kClosedByUs);
  EXPECT_TRUE(std::holds_alternative<Closed>(tap.events.back()));
  EXPECT_FALSE(tap.time_went_back);
}

TEST(FrameTap, HearsEachChunkOfADripFedAnswer) {
  ScriptedServer server([](ScriptedConnection& connection) {
    if (auto request = connection.read_request()) connection.drip(echo_answer(*request), 20ms);
  });
  RecordingTap tap;
  auto client = tapped_client(server, tap);
  const auto exchange = client.exchange(1, kRead);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  EXPECT_GT(tap.all<Received>().size(), 1U);
  EXPECT_EQ(tap.received_on(1), exchange.response);
}

// exchange_in_pieces(): one write per byte, each heard on its own, and the answer taken as any.
TEST(FrameTap, HearsEachByteOfARequestSentInPieces) {
  ScriptedServer server([](ScriptedConnection& connection) { connection.serve(echo_answer); });
  RecordingTap tap;
  auto client = tapped_client(server, tap);
  const std::vector<std::byte> adu =
      bytes_of({0x00, 0x2A, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x6B, 0x00, 0x01});
  const auto exchange = client.exchange_in_pieces(adu, 5ms);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  EXPECT_EQ(exchange.transaction_id, 0x2A);
  const auto sent = tap.all<Sent>();
  ASSERT_EQ(sent.size(), adu.size());
  for (std::size_t i = 0; i < adu.size(); ++i) {
    EXPECT_EQ(sent[i].bytes, std::vector<std::byte>{adu[i]}) << i;
  }
  // The round trip is from the last piece: the 55 ms of gaps between them are not the device's.
  EXPECT_LT(exchange.elapsed, 55ms);
  // The next exchange goes whole again.
  ASSERT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kAnswered);
  EXPECT_EQ(tap.all<Sent>().size(), adu.size() + 1);
}

TEST(FrameTap, HearsGarbageBeforeClosingOnIt) {
  const auto garbage = bytes_of({0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x06, 0x01, 0x03, 0x00});
  ScriptedServer server([&garbage](ScriptedConnection& connection) {
    if (!connection.read_request()) return;
    connection.send(garbage);
    (void)connection.read_request(1s);
  });
  RecordingTap tap;
  auto client = tapped_client(server, tap);
  const auto exchange = client.exchange(1, kRead);
  ASSERT_EQ(exchange.status, ExchangeStatus::kMalformed);
  EXPECT_EQ(tap.received_on(1), garbage);
  ASSERT_EQ(tap.all<Closed>().size(), 1U);
  EXPECT_EQ(tap.all<Closed>()[0].how, ConnectionEnd::kClosedByUs);
}

TEST(FrameTap, TellsTheDevicesCloseAndItsResetApart) {
  for (const bool reset : {false, true}) {
    // The script closes with a FIN when it returns, or resets.
    ScriptedServer server([reset](ScriptedConnection& connection) {
      if (connection.read_request() && reset) connection.reset();
    });
    RecordingTap tap;
    auto client = tapped_client(server, tap);
    ASSERT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kClosed);
    ASSERT_EQ(tap.all<Closed>().size(), 1U);
    EXPECT_EQ(tap.all<Closed>()[0].how,
              reset ? ConnectionEnd::kResetByPeer : ConnectionEnd::kClosedByPeer);
  }
}

TEST(FrameTap, HearsAnIdleCloseBeforeTheReconnectAndEachConnectionApart) {
  ScriptedServer server(std::vector<ScriptedServer::Script>{
      [](ScriptedConnection& connection) {
        if (auto request = connection.read_request()) connection.send(echo_answer(*request));
      },  // then closes: an idle timeout
      [](ScriptedConnection& connection) { connection.serve(echo_answer); }});
  RecordingTap tap;
  {
    auto client = tapped_client(server, tap);
    ASSERT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kAnswered);
    std::this_thread::sleep_for(100ms);  // the close arrives
    const auto second = client.exchange(1, kRead);
    ASSERT_EQ(second.status, ExchangeStatus::kAnswered) << second.error;
    EXPECT_EQ(tap.received_on(2), second.response);
  }  // the client's end closes the second connection

  const auto closed = tap.all<Closed>();
  ASSERT_EQ(closed.size(), 2U);
  EXPECT_EQ(closed[0].id, 1U);
  EXPECT_EQ(closed[0].how, ConnectionEnd::kClosedByPeer);
  EXPECT_EQ(closed[1].id, 2U);
  EXPECT_EQ(closed[1].how, ConnectionEnd::kClosedByUs);
  // The close of the first came before the second connection opened.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < tap.events.size(); ++i) {
    if (std::holds_alternative<Opened>(tap.events[i]) ||
        std::holds_alternative<Closed>(tap.events[i]))
      order.push_back(tap.events[i].index());
  }
  EXPECT_THAT(order, ::testing::ElementsAre(0U, 3U, 0U, 3U));
}

TEST(FrameTap, HearsNothingOfAConnectionThatWasRefused) {
  RecordingTap tap;
  ClientOptions options;
  options.tap = &tap;
  ModbusClient client(TargetAddress{"127.0.0.1", testing::unused_port()}, options);
  EXPECT_EQ(client.exchange(1, kRead).status, ExchangeStatus::kConnectFailed);
  EXPECT_TRUE(tap.events.empty());
}

}  // namespace
}  // namespace mbh::client
