#pragma once
// The few blocking-socket operations the loopback benchmark needs, on 127.0.0.1 only: the
// round trip it measures is the kernel's loopback path, never a real network.
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace mbh::bench {

// Owns one file descriptor and closes it once.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset();

 private:
  int fd_ = -1;
};

// A listening socket on 127.0.0.1 at a port the kernel picks; throws std::system_error.
UniqueFd listen_on_loopback();
std::uint16_t local_port(const UniqueFd& socket);

// A connected socket to 127.0.0.1:port with TCP_NODELAY set; throws std::system_error.
UniqueFd connect_to_loopback(std::uint16_t port);

// Small requests and replies must leave at once rather than wait for Nagle's timer.
bool set_no_delay(const UniqueFd& socket);

// All of `bytes`, or false when the peer has gone (or the socket was shut down).
bool send_all(const UniqueFd& socket, std::span<const std::byte> bytes);
// Exactly out.size() bytes, or false on end of stream or error.
bool receive_exactly(const UniqueFd& socket, std::span<std::byte> out);

}  // namespace mbh::bench
