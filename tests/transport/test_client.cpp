#include "test_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace mbh::transport::testing {
namespace {

void put16(std::vector<std::byte>& out, std::uint16_t value) {
  out.push_back(static_cast<std::byte>(value >> 8));
  out.push_back(static_cast<std::byte>(value & 0xFF));
}

std::uint16_t get16(std::span<const std::byte> bytes, std::size_t at) {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(bytes[at]) << 8 |
                                    std::to_integer<unsigned>(bytes[at + 1]));
}

int remaining_ms(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

}  // namespace

std::vector<std::byte> read_request(std::uint16_t transaction, std::uint16_t address,
                                    std::uint16_t quantity, std::uint8_t unit) {
  std::vector<std::byte> out;
  put16(out, transaction);
  put16(out, 0);
  put16(out, 6);
  out.push_back(std::byte{unit});
  out.push_back(std::byte{0x03});
  put16(out, address);
  put16(out, quantity);
  return out;
}

TestClient::TestClient(std::uint16_t port, const std::string& host) {
  sockaddr_storage storage{};
  socklen_t size = 0;
  const bool v6 = host.find(':') != std::string::npos;
  if (v6) {
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_port = htons(port);
    if (inet_pton(AF_INET6, host.c_str(), &address.sin6_addr) != 1) return;
    std::memcpy(&storage, &address, sizeof address);
    size = sizeof address;
  } else {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) return;
    std::memcpy(&storage, &address, sizeof address);
    size = sizeof address;
  }
  fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // sockaddr_storage is the one type every sockaddr_* may be viewed through.
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&storage), size) != 0) close();
}

TestClient::~TestClient() {
  close();
}

TestClient::TestClient(TestClient&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

void TestClient::shutdown_write() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

void TestClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool TestClient::send(std::span<const std::byte> bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

TestClient::Outcome TestClient::read_exact(std::span<std::byte> bytes,
                                           std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t got = 0;
  while (got < bytes.size()) {
    pollfd poller{fd_, POLLIN, 0};
    const int ready = ::poll(&poller, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return Outcome::kTimeout;
    const auto n = ::recv(fd_, bytes.data() + got, bytes.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Outcome::kClosed;  // end of stream, or reset
    got += static_cast<std::size_t>(n);
  }
  return Outcome::kData;
}

std::optional<Frame> TestClient::read_frame(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<std::byte> header(7);
  if (read_exact(header, timeout) != Outcome::kData) return std::nullopt;
  const std::uint16_t length = get16(header, 4);
  if (length < 1) return std::nullopt;
  Frame frame{get16(header, 0), get16(header, 2), std::to_integer<std::uint8_t>(header[6]),
              std::vector<std::byte>(length - 1U)};
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (read_exact(frame.pdu, std::max(left, 0ms)) != Outcome::kData) return std::nullopt;
  return frame;
}

TestClient::Outcome TestClient::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    pollfd poller{fd_, POLLIN, 0};
    const int ready = ::poll(&poller, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return Outcome::kTimeout;
    std::byte byte{};
    const auto n = ::recv(fd_, &byte, 1, MSG_PEEK);
    if (n < 0 && errno == EINTR) continue;
    return n > 0 ? Outcome::kData : Outcome::kClosed;
  }
}

}  // namespace mbh::transport::testing
