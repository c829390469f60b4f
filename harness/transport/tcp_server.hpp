#pragma once
// A Modbus TCP server on one io_context (run by one thread): accepts connections, frames the
// requests of each and answers them through a FrameHandler, which owns their meaning. Many
// connections are served at once; a slow answer on one delays no other.
#include <asio/io_context.hpp>
#include <asio/ip/address.hpp>
#include <asio/ip/tcp.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/transport/frame_handler.hpp"
#include "harness/transport/server_options.hpp"

namespace mbh::transport {

// An IPv4 or IPv6 literal ("127.0.0.1", "::1", "[::1]"), or nothing for anything else.
std::optional<asio::ip::address> parse_bind_address(std::string_view text);

// Whether only this host can reach an address: 127.0.0.0/8, ::1, or ::ffff:127.x.y.z.
bool is_loopback(const asio::ip::address& address);

// "127.0.0.1:5020", "[::1]:5020": the form INTERFACE.md's targets take.
std::string endpoint_text(const asio::ip::tcp::endpoint& endpoint);

class TcpServer {
 public:
  // Binds and listens at once (so local_endpoint() is known before the loop runs), then accepts
  // as the io_context runs. Throws std::invalid_argument for a bind address that is not an IP
  // literal, std::system_error when the address cannot be bound (in use, not this host's).
  // `handler` must outlive the server's connections: until stop() and the io_context's return.
  TcpServer(asio::io_context& io, ServerOptions options, FrameHandler& handler);
  ~TcpServer();
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  asio::ip::tcp::endpoint local_endpoint() const;

  // Stops accepting and closes every connection, replies still queued dropped. Idempotent.
  void stop();

  std::size_t connection_count() const;
  bool hung() const;  // a handler answered kHang

 private:
  struct Listener;
  std::shared_ptr<Listener> listener_;
};

}  // namespace mbh::transport
