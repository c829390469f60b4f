// mbh_load_client: a closed-loop Modbus TCP load generator for the server benchmark.
//
//   mbh_load_client --port P --connections N --seconds S [--warmup S] [REQUEST]
//   mbh_load_client --port P --connections N --hold S [REQUEST]
//
// REQUEST: [--unit U] [--function 3|4] [--address A] [--quantity Q], by default FC 03, holding
// 40070, 9 registers, unit 230 (the Conext BMS's). A read the served map answers normally.
//
// Load mode: N connections to 127.0.0.1:P, that one request in flight per connection,
// transaction ids incrementing per connection. Every response is checked
// (transaction id, protocol, unit, function code, byte count, length). Requests answered during
// the warm-up are not counted; during the measured window each round trip's latency is recorded.
// One JSON line on stdout.
//
// Hold mode: opens N connections, completes one request on each (so the server has set every
// session up), prints `holding N` on stdout, then keeps them open and idle for S seconds.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kRequestSize = 12;

struct Options {
  std::uint16_t port = 0;
  int connections = 1;
  double seconds = 3.0;
  double warmup = 0.5;
  double hold = -1.0;  // >= 0: hold mode
  // The request: a read of holding (3) or input (4) registers.
  std::uint8_t unit = 230;
  std::uint8_t function = 0x03;
  std::uint16_t address = 40070;
  std::uint16_t quantity = 9;

  std::size_t response_size() const { return 9 + 2 * std::size_t{quantity}; }
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "mbh_load_client: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(2);
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: mbh_load_client --port P --connections N --seconds S [--warmup S] "
               "[REQUEST]\n"
               "       mbh_load_client --port P --connections N --hold S [REQUEST]\n"
               "REQUEST: [--unit U] [--function 3|4] [--address A] [--quantity 1..125]\n");
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  const std::span<char*> args(argv, static_cast<std::size_t>(argc));
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (i + 1 >= args.size()) usage();
    const char* v = args[++i];
    if (a == "--port") {
      o.port = static_cast<std::uint16_t>(std::strtoul(v, nullptr, 10));
    } else if (a == "--connections") {
      o.connections = std::atoi(v);
    } else if (a == "--seconds") {
      o.seconds = std::strtod(v, nullptr);
    } else if (a == "--warmup") {
      o.warmup = std::strtod(v, nullptr);
    } else if (a == "--hold") {
      o.hold = std::strtod(v, nullptr);
    } else if (a == "--unit") {
      o.unit = static_cast<std::uint8_t>(std::strtoul(v, nullptr, 10));
    } else if (a == "--function") {
      o.function = static_cast<std::uint8_t>(std::strtoul(v, nullptr, 10));
    } else if (a == "--address") {
      o.address = static_cast<std::uint16_t>(std::strtoul(v, nullptr, 10));
    } else if (a == "--quantity") {
      o.quantity = static_cast<std::uint16_t>(std::strtoul(v, nullptr, 10));
    } else {
      usage();
    }
  }
  if (o.port == 0 || o.connections < 1) usage();
  if ((o.function != 0x03 && o.function != 0x04) || o.quantity < 1 || o.quantity > 125) usage();
  return o;
}

struct Connection {
  int fd = -1;
  std::uint16_t next_tid = 1;
  std::uint16_t expected_tid = 0;
  bool in_flight = false;
  Clock::time_point sent_at{};
  std::array<std::byte, mbh::codec::kMaxAduSize> buf{};
  std::size_t have = 0;
};

void raise_fd_limit(int needed) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  const auto want = static_cast<rlim_t>(needed) + 64;
  if (lim.rlim_cur < want) {
    lim.rlim_cur = std::min(want, lim.rlim_max);
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

int connect_one(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // NOLINTNEXTLINE: the sockets API takes sockaddr*.
  if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) die("connect");
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  const int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  return fd;
}

std::array<std::byte, kRequestSize> make_request(const Options& o, std::uint16_t tid) {
  std::array<std::byte, kRequestSize> out{};
  const mbh::codec::MbapHeader header{tid, 0, 6, o.unit};
  mbh::codec::encode_mbap(header, std::span<std::byte, mbh::codec::kMbapSize>(out.data(), 7));
  out[7] = std::byte{o.function};
  out[8] = static_cast<std::byte>(o.address >> 8);
  out[9] = static_cast<std::byte>(o.address & 0xFF);
  out[10] = static_cast<std::byte>(o.quantity >> 8);
  out[11] = static_cast<std::byte>(o.quantity & 0xFF);
  return out;
}

bool send_request(const Options& o, Connection& c) {
  c.expected_tid = c.next_tid++;
  const auto req = make_request(o, c.expected_tid);
  c.sent_at = Clock::now();
  const ssize_t n = send(c.fd, req.data(), req.size(), MSG_NOSIGNAL);
  if (n != static_cast<ssize_t>(req.size())) return false;  // 12 bytes fit any empty socket
  c.in_flight = true;
  return true;
}

enum class ReadResult { kNone, kResponse, kBad, kClosed };

// Reads what is there; kResponse once a whole, valid response is in, kBad if it is wrong.
ReadResult read_response(const Options& o, Connection& c) {
  for (;;) {
    const std::size_t want =
        c.have < mbh::codec::kMbapSize ? mbh::codec::kMbapSize - c.have : std::size_t{0};
    std::size_t need = want;
    if (c.have >= mbh::codec::kMbapSize) {
      const auto h = mbh::codec::decode_mbap(
          std::span<const std::byte, mbh::codec::kMbapSize>(c.buf.data(), mbh::codec::kMbapSize));
      const std::size_t total = 6 + std::size_t{h.length};
      if (h.length < 2 || total > c.buf.size()) return ReadResult::kBad;
      if (c.have >= total) {
        const bool ok = h.transaction_id == c.expected_tid && h.protocol_id == 0 &&
                        h.unit_id == o.unit && total == o.response_size() &&
                        c.buf[7] == std::byte{o.function} &&
                        c.buf[8] == static_cast<std::byte>(2 * o.quantity);
        c.have = 0;
        c.in_flight = false;
        return ok ? ReadResult::kResponse : ReadResult::kBad;
      }
      need = total - c.have;
    }
    const ssize_t n = recv(c.fd, c.buf.data() + c.have, need, 0);
    if (n == 0) return ReadResult::kClosed;
    if (n < 0) {
      if (errno == EAGAIN) return ReadResult::kNone;
      if (errno == EINTR) continue;
      return ReadResult::kClosed;
    }
    c.have += static_cast<std::size_t>(n);
  }
}

double percentile(std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0.0;
  const auto idx = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(idx), v.end());
  return static_cast<double>(v[idx]) / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  raise_fd_limit(opt.connections);

  const auto n_conn = static_cast<std::size_t>(opt.connections);
  std::vector<Connection> conns(n_conn);
  const int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) die("epoll_create1");
  for (std::size_t i = 0; i < n_conn; ++i) {
    conns[i].fd = connect_one(opt.port);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev) != 0) die("epoll_ctl");
  }

  const bool hold = opt.hold >= 0.0;
  const auto start = Clock::now();
  const auto to_dur = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  const auto measure_from = start + to_dur(hold ? 0.0 : opt.warmup);
  const auto measure_to = measure_from + to_dur(hold ? 30.0 : opt.seconds);

  std::vector<std::int64_t> latencies;
  latencies.reserve(1 << 20);
  std::uint64_t bad = 0;
  std::uint64_t closed = 0;
  std::uint64_t answered = 0;  // every valid response, warm-up included (for CPU per request)
  std::size_t answered_in_hold = 0;

  for (auto& c : conns) {
    if (!send_request(opt, c)) die("send");
  }

  std::vector<epoll_event> events(std::min<std::size_t>(n_conn, 1024));
  std::size_t live = n_conn;
  bool stopping = false;
  while (live > 0) {
    const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("epoll_wait");
    }
    const auto now = Clock::now();
    if (!hold && now >= measure_to) stopping = true;
    if (hold && now >= measure_to) {
      std::fprintf(stderr, "mbh_load_client: hold mode timed out waiting for answers\n");
      return 1;
    }
    for (int e = 0; e < n; ++e) {
      Connection& c = conns[events[static_cast<std::size_t>(e)].data.u64];
      if (!c.in_flight) continue;
      const ReadResult r = read_response(opt, c);
      if (r == ReadResult::kNone) continue;
      if (r == ReadResult::kClosed || r == ReadResult::kBad) {
        if (r == ReadResult::kBad)
          ++bad;
        else
          ++closed;
        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        c.in_flight = false;
        --live;
        continue;
      }
      const auto done = Clock::now();
      ++answered;
      if (hold) {
        ++answered_in_hold;
        --live;  // leave it idle
        continue;
      }
      if (c.sent_at >= measure_from && done <= measure_to) {
        latencies.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(done - c.sent_at).count());
      }
      if (stopping || done >= measure_to) {
        stopping = true;
        --live;
        continue;
      }
      if (!send_request(opt, c)) {
        ++closed;
        --live;
      }
    }
  }

  if (hold) {
    std::printf("holding %llu\n", static_cast<unsigned long long>(answered_in_hold));
    std::fflush(stdout);
    std::this_thread::sleep_for(to_dur(opt.hold));
    for (auto& c : conns)
      close(c.fd);
    return answered_in_hold == n_conn ? 0 : 1;
  }

  const double window = opt.seconds;
  const std::size_t count = latencies.size();
  const double p50 = percentile(latencies, 0.50);
  const double p99 = percentile(latencies, 0.99);
  std::printf(
      "{\"connections\":%d,\"seconds\":%.3f,\"requests\":%zu,\"requests_per_s\":%.1f,"
      "\"p50_us\":%.2f,\"p99_us\":%.2f,\"total_answered\":%llu,\"bad_responses\":%llu,"
      "\"closed\":%llu}\n",
      opt.connections, window, count, static_cast<double>(count) / window, p50, p99,
      static_cast<unsigned long long>(answered), static_cast<unsigned long long>(bad),
      static_cast<unsigned long long>(closed));
  for (auto& c : conns)
    close(c.fd);
  return (bad == 0 && closed == 0) ? 0 : 1;
}
