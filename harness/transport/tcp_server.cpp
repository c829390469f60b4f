#include "harness/transport/tcp_server.hpp"

#include <fmt/format.h>

#include <asio/steady_timer.hpp>

#include <chrono>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "harness/transport/server_connection.hpp"

namespace mbh::transport {

std::optional<asio::ip::address> parse_bind_address(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  std::error_code error;
  const auto address = asio::ip::make_address(std::string(text), error);
  if (error) return std::nullopt;
  return address;
}

bool is_loopback(const asio::ip::address& address) {
  if (address.is_v4()) return address.to_v4().is_loopback();
  const auto v6 = address.to_v6();
  if (v6.is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).is_loopback();
  return v6.is_loopback();
}

std::string endpoint_text(const asio::ip::tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  if (address.is_v6()) return fmt::format("[{}]:{}", address.to_string(), endpoint.port());
  return fmt::format("{}:{}", address.to_string(), endpoint.port());
}

// The acceptor and what the connections share, kept alive by pending operations so that
// handlers queued before stop() never touch a destroyed server.
struct TcpServer::Listener : std::enable_shared_from_this<Listener> {
  Listener(asio::io_context& io, ServerOptions options, FrameHandler& handler)
      : acceptor(io),
        retry_timer(io),
        state(std::make_shared<ServerState>(handler, std::move(options))) {}

  void accept() {
    acceptor.async_accept(
        [self = shared_from_this()](std::error_code error, asio::ip::tcp::socket socket) {
          self->on_accept(error, std::move(socket));
        });
  }

  void on_accept(std::error_code error, asio::ip::tcp::socket socket) {
    if (stopped) return;
    if (error) {
      // Out of descriptors or memory: accepting again at once would spin. Wait, then retry;
      // any other failure (a peer that reset before accept) concerns that peer only.
      if (error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
          error == asio::error::no_memory) {
        retry_timer.expires_after(std::chrono::milliseconds(100));
        retry_timer.async_wait([self = shared_from_this()](std::error_code wait_error) {
          if (!wait_error && !self->stopped) self->accept();
        });
        return;
      }
      accept();
      return;
    }
    if (state->connections.size() >= state->options.max_connections) {
      std::error_code ignored;
      socket.close(ignored);  // accepted and closed at once: the peer sees an end of stream
    } else {
      auto connection = std::make_shared<ServerConnection>(std::move(socket), state);
      state->connections.push_back(connection);
      connection->start(std::prev(state->connections.end()));
      const std::size_t limit = state->handler.hangs_above_connections();
      if (limit > 0 && state->connections.size() > limit) state->hung = true;
    }
    accept();
  }

  void stop() {
    if (stopped) return;
    stopped = true;
    std::error_code ignored;
    acceptor.close(ignored);
    retry_timer.cancel();
    // Each close() erases its own entry.
    while (!state->connections.empty())
      state->connections.front()->close();
  }

  asio::ip::tcp::acceptor acceptor;
  asio::steady_timer retry_timer;
  std::shared_ptr<ServerState> state;
  bool stopped = false;
};

TcpServer::TcpServer(asio::io_context& io, ServerOptions options, FrameHandler& handler) {
  const auto address = parse_bind_address(options.bind_address);
  if (!address) {
    throw std::invalid_argument(
        fmt::format("'{}' is not an IPv4 or IPv6 address", options.bind_address));
  }
  const asio::ip::tcp::endpoint endpoint(*address, options.port);
  listener_ = std::make_shared<Listener>(io, std::move(options), handler);
  auto& acceptor = listener_->acceptor;
  std::error_code error;
  const auto fail = [&](const char* what) {
    throw std::system_error(error, fmt::format("cannot {} {}", what, endpoint_text(endpoint)));
  };
  acceptor.open(endpoint.protocol(), error);
  if (error) fail("open a socket for");
  // A restarted simulator may bind while old connections linger in TIME_WAIT; a listening
  // socket on the port still makes bind fail.
  acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), error);
  if (error) fail("set options on");
  acceptor.bind(endpoint, error);
  if (error) fail("bind");
  acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) fail("listen on");
  listener_->accept();
}

TcpServer::~TcpServer() {
  stop();
}

asio::ip::tcp::endpoint TcpServer::local_endpoint() const {
  std::error_code ignored;
  return listener_->acceptor.local_endpoint(ignored);
}

void TcpServer::stop() {
  listener_->stop();
}

std::size_t TcpServer::connection_count() const {
  return listener_->state->connections.size();
}

bool TcpServer::hung() const {
  return listener_->state->hung;
}

}  // namespace mbh::transport
