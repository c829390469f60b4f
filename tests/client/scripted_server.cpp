#include "scripted_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace mbh::client::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::uint16_t get16(std::span<const std::byte> bytes, std::size_t at) {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(bytes[at]) << 8 |
                                    std::to_integer<unsigned>(bytes[at + 1]));
}

void put16(std::vector<std::byte>& out, std::uint16_t value) {
  out.push_back(static_cast<std::byte>(value >> 8));
  out.push_back(static_cast<std::byte>(value & 0xFF));
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Binds a TCP socket to 127.0.0.1:0; the descriptor and the port the system chose.
std::pair<int, std::uint16_t> bind_loopback() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  // sockaddr_in is viewed as the sockaddr the socket calls take, as POSIX intends.
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind 127.0.0.1:0");
  }
  return {fd, ntohs(address.sin_port)};
}

}  // namespace

std::vector<std::byte> bytes_of(std::initializer_list<int> values) {
  std::vector<std::byte> out;
  for (const int value : values)
    out.push_back(static_cast<std::byte>(value));
  return out;
}

std::vector<std::byte> adu(std::uint16_t transaction, std::uint8_t unit,
                           std::span<const std::byte> pdu) {
  std::vector<std::byte> out;
  put16(out, transaction);
  put16(out, 0);
  put16(out, static_cast<std::uint16_t>(pdu.size() + 1));
  out.push_back(std::byte{unit});
  out.insert(out.end(), pdu.begin(), pdu.end());
  return out;
}

std::uint16_t transaction_of(std::span<const std::byte> bytes) {
  return get16(bytes, 0);
}

std::vector<std::byte> echo_answer(std::span<const std::byte> request) {
  const auto unit = std::to_integer<std::uint8_t>(request[6]);
  const bool read = request.size() == 12 && request[7] == std::byte{0x03};
  if (!read) {
    const auto function = std::to_integer<unsigned>(request.size() > 7 ? request[7] : std::byte{0});
    return adu(transaction_of(request), unit, bytes_of({static_cast<int>(function | 0x80U), 0x01}));
  }
  const std::uint16_t address = get16(request, 8);
  const std::uint16_t quantity = std::min<std::uint16_t>(get16(request, 10), 125);
  std::vector<std::byte> pdu{std::byte{0x03}, static_cast<std::byte>(2 * quantity)};
  for (std::uint16_t i = 0; i < quantity; ++i)
    put16(pdu, static_cast<std::uint16_t>(address + i));
  return adu(transaction_of(request), unit, pdu);
}

std::uint16_t unused_port() {
  const auto [fd, port] = bind_loopback();
  ::close(fd);
  return port;
}

// ---- ScriptedConnection ------------------------------------------------------------------

bool ScriptedConnection::wait_readable(Clock::time_point deadline) const {
  while (!stopping_.load()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_fd{fd_, POLLIN, 0};
    const int ready = ::poll(&poll_fd, 1, static_cast<int>(std::min<long>(left.count(), 20)));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
  return false;
}

std::optional<std::vector<std::byte>> ScriptedConnection::read_request(
    std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::vector<std::byte> frame;
  std::size_t wanted = 7;
  while (frame.size() < wanted) {
    if (!wait_readable(deadline)) return std::nullopt;
    std::byte chunk[512];
    const auto got = ::recv(fd_, chunk, std::min(sizeof chunk, wanted - frame.size()), 0);
    if (got <= 0) return std::nullopt;
    frame.insert(frame.end(), chunk, chunk + got);
    if (frame.size() >= 7 && wanted == 7) wanted = 6 + get16(frame, 4);
  }
  return frame;
}

bool ScriptedConnection::send(std::span<const std::byte> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto put = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (put <= 0) return false;
    done += static_cast<std::size_t>(put);
  }
  return true;
}

bool ScriptedConnection::drip(std::span<const std::byte> bytes, std::chrono::milliseconds gap) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) pause(gap);
    if (stopping_.load() || !send(bytes.subspan(i, 1))) return false;
  }
  return true;
}

void ScriptedConnection::pause(std::chrono::milliseconds duration) const {
  const auto deadline = Clock::now() + duration;
  while (!stopping_.load() && Clock::now() < deadline)
    std::this_thread::sleep_for(std::min<Clock::duration>(deadline - Clock::now(), 5ms));
}

void ScriptedConnection::serve(
    const std::function<std::vector<std::byte>(std::span<const std::byte>)>& answer_for) {
  while (auto request = read_request()) {
    if (!send(answer_for(*request))) return;
  }
}

ScriptedConnection::~ScriptedConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void ScriptedConnection::reset() {
  const linger abort_on_close{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
  ::close(fd_);
  fd_ = -1;
}

// ---- ScriptedServer ----------------------------------------------------------------------

ScriptedServer::ScriptedServer(std::vector<Script> scripts) : scripts_(std::move(scripts)) {
  std::tie(listener_, port_) = bind_loopback();
  if (::listen(listener_, 16) != 0) throw std::runtime_error("listen() failed");
  thread_ = std::thread([this] { run(); });
}

ScriptedServer::~ScriptedServer() {
  stopping_ = true;
  thread_.join();
  ::close(listener_);
}

void ScriptedServer::run() {
  while (!stopping_.load()) {
    pollfd poll_fd{listener_, POLLIN, 0};
    if (::poll(&poll_fd, 1, 20) <= 0) continue;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const auto index = static_cast<std::size_t>(accepted_++);
    ScriptedConnection connection(fd, stopping_);  // closes it, unless the script reset it
    scripts_[std::min(index, scripts_.size() - 1)](connection);
  }
}

}  // namespace mbh::client::testing
