#pragma once
// A minimal Modbus-shaped peer on 127.0.0.1 for timing the transport alone: one thread with
// blocking sockets that, for each fixed-size request it reads, writes back the same canned
// reply. It does no decoding, so a round trip measures the kernel's loopback path and the
// two context switches, not the codec.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "bench/loopback_socket.hpp"

namespace mbh::bench {

class LoopbackEchoServer {
 public:
  // Binds 127.0.0.1 on a port the kernel picks and starts serving; throws std::system_error.
  LoopbackEchoServer(std::size_t request_size, std::span<const std::byte> reply);
  LoopbackEchoServer(const LoopbackEchoServer&) = delete;
  LoopbackEchoServer& operator=(const LoopbackEchoServer&) = delete;
  // Wakes the thread wherever it blocks (accept or recv), joins it, closes the sockets.
  ~LoopbackEchoServer();

  std::uint16_t port() const { return port_; }

 private:
  void serve();
  void answer(const UniqueFd& connection);

  std::size_t request_size_;
  std::vector<std::byte> reply_;
  UniqueFd listener_;
  std::uint16_t port_ = 0;

  // Guards the hand-over between the serving thread and the destructor, so that the
  // destructor never shuts down a descriptor the thread has already closed (and the kernel
  // may have reused).
  std::mutex mutex_;
  bool stopping_ = false;
  int connection_fd_ = -1;

  std::thread thread_;  // last: it starts once everything above is set up
};

}  // namespace mbh::bench
