#pragma once
// A hostile Modbus TCP server for the client tests: it listens on 127.0.0.1 (a free port) and
// runs a script of the test's own for each connection it accepts, in turn, on a thread of its
// own. Plain POSIX sockets, so that the tests do not share the code under test. Every read
// is bounded and every script ends when the server stops: a broken client fails a test, never
// hangs it.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <thread>
#include <vector>

namespace mbh::client::testing {

using namespace std::chrono_literals;

std::vector<std::byte> bytes_of(std::initializer_list<int> values);

// The PDU the client tests send: read one holding register at 0x006B.
inline const std::vector<std::byte> kRead = bytes_of({0x03, 0x00, 0x6B, 0x00, 0x01});

// An ADU: MBAP header (protocol 0, length computed) and `pdu`.
std::vector<std::byte> adu(std::uint16_t transaction, std::uint8_t unit,
                           std::span<const std::byte> pdu);

// The transaction id of an ADU.
std::uint16_t transaction_of(std::span<const std::byte> adu);

// One accepted connection, as a script sees it.
class ScriptedConnection {
 public:
  ScriptedConnection(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}
  ~ScriptedConnection();  // closes the connection (with a FIN)
  ScriptedConnection(const ScriptedConnection&) = delete;
  ScriptedConnection& operator=(const ScriptedConnection&) = delete;

  // One request ADU (header, then as many bytes as its length says), or nothing when the
  // client closed, the server is stopping, or `timeout` passed.
  std::optional<std::vector<std::byte>> read_request(std::chrono::milliseconds timeout = 2s);
  // Sends everything (no SIGPIPE when the client has gone); false when it could not.
  bool send(std::span<const std::byte> bytes);
  // Sends one byte at a time, `gap` apart.
  bool drip(std::span<const std::byte> bytes, std::chrono::milliseconds gap);
  // Waits `duration`, or less when the server stops.
  void pause(std::chrono::milliseconds duration) const;
  // Answers every request with the FC 03 answer `answer_for` gives, until the client closes.
  void serve(const std::function<std::vector<std::byte>(std::span<const std::byte>)>& answer_for);
  // Closes with a reset (RST) instead of a FIN.
  void reset();

 private:
  bool wait_readable(std::chrono::steady_clock::time_point deadline) const;

  int fd_;
  const std::atomic<bool>& stopping_;
};

class ScriptedServer {
 public:
  using Script = std::function<void(ScriptedConnection&)>;

  // Connection i runs scripts[min(i, size - 1)]: the last script serves every later one.
  explicit ScriptedServer(std::vector<Script> scripts);
  explicit ScriptedServer(Script script) : ScriptedServer(std::vector<Script>{std::move(script)}) {}
  ~ScriptedServer();
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  std::uint16_t port() const { return port_; }
  int accepted() const { return accepted_.load(); }

 private:
  void run();

  std::vector<Script> scripts_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

// The answer of a device whose holding register n holds n: FC 03 answers with the request's
// transaction and unit ids; anything else gets exception 01.
std::vector<std::byte> echo_answer(std::span<const std::byte> request);

// A port on 127.0.0.1 with nothing listening (bound, then released).
std::uint16_t unused_port();

}  // namespace mbh::client::testing
