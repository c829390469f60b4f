#pragma once
// A TcpServer on 127.0.0.1 (a free port) with a TestHandler, its io_context run on a thread
// of its own, as a test fixture. Every wait is bounded: a server that never returns from
// stop() fails the test instead of hanging ctest.
#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <thread>

#include "harness/transport/tcp_server.hpp"
#include "test_client.hpp"
#include "test_handler.hpp"

namespace mbh::transport::testing {

class ServerFixture : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<TcpServer>(io_, std::move(options), handler_);
    port_ = server_->local_endpoint().port();
    runner_ = std::async(std::launch::async, [this] { io_.run(); });
  }

  // Asks the server something on its own thread (it is not thread-safe, by design).
  template <class T>
  T ask(std::function<T()> question) {
    // Shared: after a timeout the question may still be answered, into a promise kept alive.
    auto answer = std::make_shared<std::promise<T>>();
    auto future = answer->get_future();
    asio::post(io_, [answer, question] { answer->set_value(question()); });
    if (future.wait_for(5s) != std::future_status::ready) {
      ADD_FAILURE() << "the I/O thread did not answer";
      return T{};
    }
    return future.get();
  }
  std::size_t connections() {
    return ask<std::size_t>([this] { return server_->connection_count(); });
  }
  bool hung() {
    return ask<bool>([this] { return server_->hung(); });
  }

  // Stops the server on its thread; whether io_context::run() then returned on its own.
  bool stop_and_join() {
    asio::post(io_, [this] { server_->stop(); });
    return runner_.wait_for(5s) == std::future_status::ready;
  }

  static bool eventually(const std::function<bool()>& condition,
                         std::chrono::milliseconds timeout = 3s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(5ms);
    }
    return true;
  }

  void TearDown() override {
    if (!runner_.valid()) return;
    if (!stop_and_join()) {
      ADD_FAILURE() << "io_context::run() did not return after stop()";
      io_.stop();
      runner_.wait();
    }
  }

  asio::io_context io_{1};
  TestHandler handler_;
  std::unique_ptr<TcpServer> server_;
  std::uint16_t port_ = 0;
  std::future<void> runner_;
};

// The frame answers FC 03 at `address` for `quantity` registers with transaction `transaction`.
inline ::testing::AssertionResult answers(const std::optional<Frame>& frame,
                                          std::uint16_t transaction, std::uint16_t address,
                                          std::uint16_t quantity = 1) {
  if (!frame) return ::testing::AssertionFailure() << "no frame";
  if (frame->transaction != transaction) {
    return ::testing::AssertionFailure()
           << "transaction " << frame->transaction << ", expected " << transaction;
  }
  std::vector<std::byte> pdu{std::byte{0x03}, static_cast<std::byte>(2 * quantity)};
  for (std::uint16_t i = 0; i < quantity; ++i) {
    const auto value = static_cast<std::uint16_t>(address + i);
    pdu.push_back(static_cast<std::byte>(value >> 8));
    pdu.push_back(static_cast<std::byte>(value & 0xFF));
  }
  if (frame->protocol != 0 || frame->pdu != pdu) {
    return ::testing::AssertionFailure() << "not the answer for address " << address;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace mbh::transport::testing
