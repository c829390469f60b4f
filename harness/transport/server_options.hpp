#pragma once
// How a TcpServer listens and what it allows each peer: the limits that keep one misbehaving
// client (or a thousand) from exhausting the simulator.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace mbh::transport {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";  // IPv4 or IPv6 literal; "[::1]" is accepted too
  std::uint16_t port = 5020;               // 0: the system picks a free port
  std::size_t max_connections = 2048;      // past this, a new connection is closed at once
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);  // zero: never
  // Requests framed but not yet answered, per connection; reading stops while this many wait,
  // so a client that pipelines without reading costs bounded memory.
  std::size_t max_pending_replies = 16;
};

}  // namespace mbh::transport
