// The client against the bundled simulator, in process over loopback: real answers decoded
// against their requests, and the round trip timed beside a plain blocking POSIX client.
#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "harness/client/modbus_client.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "harness/simulator/simulator.hpp"
#include "harness/transport/tcp_server.hpp"
#include "test_client.hpp"
#include "tests/support/loopback_simulator.hpp"

namespace mbh::client {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::uint8_t kBmsUnit = 230;

using SimulatorServer = mbh::testing::LoopbackSimulator;

std::vector<std::byte> encoded(const codec::Request& request) {
  std::array<std::byte, codec::kMaxPduSize> pdu{};
  const auto size = codec::encode_request(request, pdu);
  EXPECT_TRUE(size.ok());
  return {pdu.begin(), pdu.begin() + static_cast<std::ptrdiff_t>(size.ok() ? *size : 0)};
}

// The answer's PDU decoded against the request, after its header is checked against the
// request's: what a conformance suite does with every exchange.
codec::Response decoded_answer(const ClientExchange& exchange, const codec::Request& request) {
  EXPECT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  const auto answer = codec::decode_adu(exchange.response);
  const auto sent = codec::decode_adu(exchange.request);
  if (!answer.ok() || !sent.ok()) {
    ADD_FAILURE() << "not a frame";
    return codec::ExceptionResponse{};
  }
  EXPECT_FALSE(codec::check_answers(answer->header, sent->header));
  const auto response = codec::decode_response(answer->pdu, request);
  if (!response.ok()) {
    ADD_FAILURE() << codec::message(response.error().code);
    return codec::ExceptionResponse{};
  }
  return *response;
}

TEST(ClientAgainstSimulator, ReadsTheBmsSunSpecMarker) {
  SimulatorServer server;
  ModbusClient client(TargetAddress{"127.0.0.1", server.port()});
  const codec::Request request = codec::ReadHoldingRegistersRequest{40000, 2};
  const auto response = decoded_answer(client.exchange(kBmsUnit, encoded(request)), request);
  const auto* values = std::get_if<codec::ReadHoldingRegistersResponse>(&response);
  ASSERT_NE(values, nullptr);
  ASSERT_EQ(values->values.size(), 2U);
  EXPECT_EQ(values->values[0], 0x5375);  // "Su"
  EXPECT_EQ(values->values[1], 0x6E53);  // "nS"
}

TEST(ClientAgainstSimulator, GetsAnExceptionForAGap) {
  SimulatorServer server;
  ModbusClient client(TargetAddress{"127.0.0.1", server.port()});
  const codec::Request request = codec::ReadHoldingRegistersRequest{39000, 1};
  const auto response = decoded_answer(client.exchange(kBmsUnit, encoded(request)), request);
  const auto* exception = std::get_if<codec::ExceptionResponse>(&response);
  ASSERT_NE(exception, nullptr);
  EXPECT_EQ(exception->code, codec::ExceptionCode::kIllegalDataAddress);
}

TEST(ClientAgainstSimulator, SendsAMalformedRequestAsGiven) {
  SimulatorServer server;
  ModbusClient client(TargetAddress{"127.0.0.1", server.port()});
  // Quantity 0: the simulator answers exception 03, as the specification orders it.
  const std::vector<std::byte> pdu{std::byte{0x03}, std::byte{0x9C}, std::byte{0x40},
                                   std::byte{0x00}, std::byte{0x00}};
  const auto exchange = client.exchange(kBmsUnit, pdu);
  ASSERT_EQ(exchange.status, ExchangeStatus::kAnswered) << exchange.error;
  const auto answer = codec::decode_adu(exchange.response);
  ASSERT_TRUE(answer.ok());
  const auto response = codec::decode_response_unpaired(answer->pdu);
  ASSERT_TRUE(response.ok());
  const auto* exception = std::get_if<codec::ExceptionResponse>(&*response);
  ASSERT_NE(exception, nullptr);
  EXPECT_EQ(exception->code, codec::ExceptionCode::kIllegalDataValue);
}

// The client's round trip beside a blocking POSIX client's (poll + recv), same server, same
// request, one in flight: the difference is what the client's bounded waits cost. Measured,
// printed and recorded, never asserted (the machine's load decides the numbers).
TEST(ClientAgainstSimulator, MeasuresTheRoundTrip) {
  SimulatorServer server;
  constexpr int kWarmUp = 200;
  constexpr int kRounds = 3000;
  const codec::Request request = codec::ReadHoldingRegistersRequest{40002, 10};
  const auto pdu = encoded(request);

  ModbusClient client(TargetAddress{"127.0.0.1", server.port()});
  for (int i = 0; i < kWarmUp; ++i)
    ASSERT_EQ(client.exchange(kBmsUnit, pdu).status, ExchangeStatus::kAnswered);
  auto start = Clock::now();
  for (int i = 0; i < kRounds; ++i)
    ASSERT_EQ(client.exchange(kBmsUnit, pdu).status, ExchangeStatus::kAnswered);
  const auto client_ns =
      std::chrono::duration<double, std::nano>(Clock::now() - start).count() / kRounds;

  transport::testing::TestClient plain(server.port());
  ASSERT_TRUE(plain.connected());
  const auto send_one = [&](std::uint16_t id) {
    auto adu = transport::testing::read_request(id, 40002, 10, kBmsUnit);
    return plain.send(adu) && plain.read_frame().has_value();
  };
  for (int i = 0; i < kWarmUp; ++i)
    ASSERT_TRUE(send_one(static_cast<std::uint16_t>(i)));
  start = Clock::now();
  for (int i = 0; i < kRounds; ++i)
    ASSERT_TRUE(send_one(static_cast<std::uint16_t>(i)));
  const auto plain_ns =
      std::chrono::duration<double, std::nano>(Clock::now() - start).count() / kRounds;

  std::printf("round trip: ModbusClient %.1f us, blocking POSIX client %.1f us (ratio %.2f)\n",
              client_ns / 1000, plain_ns / 1000, client_ns / plain_ns);
  ::testing::Test::RecordProperty("client_round_trip_ns", static_cast<int>(client_ns));
  ::testing::Test::RecordProperty("posix_round_trip_ns", static_cast<int>(plain_ns));
}

}  // namespace
}  // namespace mbh::client
