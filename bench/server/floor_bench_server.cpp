// floor_bench_server PORT: the cheapest server a Modbus TCP client can talk to, as a floor for
// the server benchmark. Every 12 bytes read are taken as one request and answered with a fixed,
// valid 27-byte FC 03 response for 9 registers, echoing the transaction id; no parsing at all.
// epoll, one thread, 127.0.0.1 only; prints `listening on 127.0.0.1:PORT`. Runs until SIGTERM.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int /*sig*/) { g_stop = 1; }

constexpr std::size_t kRequest = 12;
constexpr std::size_t kResponse = 27;
constexpr int kListenTag = -1;

struct Conn {
  int fd = -1;
  std::array<std::uint8_t, 4096> in{};
  std::size_t have = 0;
};

std::array<std::uint8_t, kResponse> make_template() {
  std::array<std::uint8_t, kResponse> r{};
  r[2] = 0;
  r[3] = 0;
  r[4] = 0;
  r[5] = 21;   // unit + FC + byte count + 18 bytes
  r[6] = 230;  // unit
  r[7] = 0x03;
  r[8] = 18;
  for (std::size_t i = 9; i < kResponse; ++i) r[i] = static_cast<std::uint8_t>(i);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const auto port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 0);
  std::signal(SIGPIPE, SIG_IGN);
  struct sigaction sa{};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);

  const int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  const int one = 1;
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(lfd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(lfd, 1024) != 0) {
    std::perror("bind/listen");
    return 1;
  }
  socklen_t alen = sizeof addr;
  getsockname(lfd, reinterpret_cast<sockaddr*>(&addr), &alen);
  std::printf("listening on 127.0.0.1:%u\n", static_cast<unsigned>(ntohs(addr.sin_port)));
  std::fflush(stdout);

  const int ep = epoll_create1(EPOLL_CLOEXEC);
  epoll_event lev{};
  lev.events = EPOLLIN;
  lev.data.fd = kListenTag;
  epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev);

  std::vector<Conn> conns;  // indexed by fd
  const auto tmpl = make_template();
  std::array<std::uint8_t, kResponse * (4096 / kRequest)> out{};
  std::array<epoll_event, 256> events{};
  while (g_stop == 0) {
    const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::perror("epoll_wait");
      return 1;
    }
    for (std::size_t e = 0; e < static_cast<std::size_t>(n); ++e) {
      if (events[e].data.fd == kListenTag) {
        for (;;) {
          const int cfd = accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
          if (cfd < 0) break;
          setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          const auto idx = static_cast<std::size_t>(cfd);
          if (conns.size() <= idx) conns.resize(idx + 1);
          conns[idx].fd = cfd;
          conns[idx].have = 0;
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.fd = cfd;
          epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &ev);
        }
        continue;
      }
      Conn& c = conns[static_cast<std::size_t>(events[e].data.fd)];
      const ssize_t got = recv(c.fd, c.in.data() + c.have, c.in.size() - c.have, 0);
      if (got <= 0) {
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        close(c.fd);
        c.fd = -1;
        continue;
      }
      c.have += static_cast<std::size_t>(got);
      std::size_t used = 0;
      std::size_t outn = 0;
      while (c.have - used >= kRequest) {
        std::memcpy(out.data() + outn, tmpl.data(), kResponse);
        out[outn] = c.in[used];
        out[outn + 1] = c.in[used + 1];
        outn += kResponse;
        used += kRequest;
      }
      if (used > 0) {
        std::memmove(c.in.data(), c.in.data() + used, c.have - used);
        c.have -= used;
        // Small writes on an idle loopback socket; a short write would be a benchmark bug.
        (void)send(c.fd, out.data(), outn, MSG_NOSIGNAL);
      }
    }
  }
  return 0;
}
