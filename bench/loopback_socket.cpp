#include "bench/loopback_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cerrno>
#include <system_error>

namespace mbh::bench {

namespace {

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

sockaddr_in loopback_address(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

UniqueFd new_tcp_socket() {
  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!socket.valid()) throw_errno("socket");
  return socket;
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void UniqueFd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

UniqueFd listen_on_loopback() {
  UniqueFd socket = new_tcp_socket();
  const sockaddr_in address = loopback_address(0);
  if (::bind(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw_errno("bind 127.0.0.1:0");
  }
  if (::listen(socket.get(), 1) != 0) throw_errno("listen");
  return socket;
}

std::uint16_t local_port(const UniqueFd& socket) {
  sockaddr_in address{};
  socklen_t size = sizeof address;
  if (::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    throw_errno("getsockname");
  }
  return ntohs(address.sin_port);
}

UniqueFd connect_to_loopback(std::uint16_t port) {
  UniqueFd socket = new_tcp_socket();
  const sockaddr_in address = loopback_address(port);
  if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw_errno("connect 127.0.0.1");
  }
  if (!set_no_delay(socket)) throw_errno("setsockopt TCP_NODELAY");
  return socket;
}

bool set_no_delay(const UniqueFd& socket) {
  const int on = 1;
  return ::setsockopt(socket.get(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0;
}

bool send_all(const UniqueFd& socket, std::span<const std::byte> bytes) {
  while (!bytes.empty()) {
    // MSG_NOSIGNAL: a peer that has gone is a false return, not a SIGPIPE.
    const ssize_t sent = ::send(socket.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(sent));
  }
  return true;
}

bool receive_exactly(const UniqueFd& socket, std::span<std::byte> out) {
  while (!out.empty()) {
    const ssize_t received = ::recv(socket.get(), out.data(), out.size(), 0);
    if (received < 0 && errno == EINTR) continue;
    if (received <= 0) return false;
    out = out.subspan(static_cast<std::size_t>(received));
  }
  return true;
}

}  // namespace mbh::bench
