#include "harness/client/exchange_text.hpp"

#include <fmt/format.h>

#include <asio/error.hpp>

#include "harness/codec/mbap_header.hpp"
#include "harness/exchange/frame_error.hpp"
#include "harness/exchange/frame_text.hpp"

namespace mbh::client {
namespace {

// "10 of the answer's 15 bytes", or "4 bytes of the answer, short of an MBAP header".
std::string progress(std::span<const std::byte> received) {
  if (received.size() < codec::kMbapSize) {
    return fmt::format("{} byte{} of the answer, short of an MBAP header", received.size(),
                       received.size() == 1 ? "" : "s");
  }
  const auto header = codec::decode_mbap(received.first<codec::kMbapSize>());
  return fmt::format("{} of the answer's {} bytes", received.size(),
                     codec::kMbapSize - 1 + header.length);
}

}  // namespace

std::string endpoint_text(const asio::ip::tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  if (address.is_v6()) return fmt::format("[{}]:{}", address.to_string(), endpoint.port());
  return fmt::format("{}:{}", address.to_string(), endpoint.port());
}

std::string connect_failure(const asio::ip::tcp::endpoint& endpoint, std::error_code error) {
  if (error == asio::error::connection_refused) {
    return fmt::format("connection refused by {}", endpoint_text(endpoint));
  }
  return fmt::format("cannot connect to {}: {}", endpoint_text(endpoint), error.message());
}

std::string malformed_answer(codec::DecodeError error, std::span<const std::byte> received) {
  const exchange::ErrorContext context{received, codec::kMbapSize, nullptr, std::nullopt,
                                       std::nullopt};
  return "the answer cannot be framed: " +
         exchange::error_line(exchange::explain(exchange::Stage::kFraming, error, context),
                              codec::kMbapSize);
}

std::string closed_early(std::error_code error, std::span<const std::byte> received) {
  const bool reset = error == asio::error::connection_reset;
  if (error == asio::error::eof || reset) {
    const char* what = reset ? "reset" : "closed";
    if (received.empty()) return fmt::format("the device {} the connection before answering", what);
    return fmt::format("the device {} the connection after {}", what, progress(received));
  }
  if (received.empty()) {
    return fmt::format("the connection broke before an answer came: {}", error.message());
  }
  return fmt::format("the connection broke after {}: {}", progress(received), error.message());
}

std::string incomplete_answer(std::span<const std::byte> received,
                              std::chrono::milliseconds timeout) {
  if (received.size() < codec::kMbapSize) {
    return fmt::format("only {} byte{} of the answer, short of an MBAP header, came within {} ms",
                       received.size(), received.size() == 1 ? "" : "s", timeout.count());
  }
  return fmt::format("only {} came within {} ms", progress(received), timeout.count());
}

}  // namespace mbh::client
