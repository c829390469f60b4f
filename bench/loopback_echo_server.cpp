#include "bench/loopback_echo_server.hpp"

#include <sys/socket.h>
#include <cerrno>

namespace mbh::bench {

LoopbackEchoServer::LoopbackEchoServer(std::size_t request_size, std::span<const std::byte> reply)
    : request_size_(request_size),
      reply_(reply.begin(), reply.end()),
      listener_(listen_on_loopback()),
      port_(local_port(listener_)),
      thread_([this] { serve(); }) {}

LoopbackEchoServer::~LoopbackEchoServer() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    // shutdown() on a listening socket makes a blocked accept() fail (EINVAL on Linux), and on
    // a connection makes a blocked recv() see end of stream: the thread then returns.
    ::shutdown(listener_.get(), SHUT_RDWR);
    if (connection_fd_ >= 0) ::shutdown(connection_fd_, SHUT_RDWR);
  }
  thread_.join();
}

void LoopbackEchoServer::serve() {
  for (;;) {
    UniqueFd connection(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!connection.valid()) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // shut down by the destructor, or broken: nothing more to serve either way
    }
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) return;
      connection_fd_ = connection.get();
    }
    // Without TCP_NODELAY the round trip would be timed against Nagle and delayed ACKs; a
    // failure here is left to show up as a slow benchmark rather than a crashed thread.
    (void)set_no_delay(connection);
    answer(connection);
    const std::lock_guard lock(mutex_);
    connection_fd_ = -1;  // unpublished before `connection` closes at the end of this scope
  }
}

void LoopbackEchoServer::answer(const UniqueFd& connection) {
  std::vector<std::byte> request(request_size_);
  while (receive_exactly(connection, request) && send_all(connection, reply_)) {
  }
}

}  // namespace mbh::bench
