#pragma once
// A blocking Modbus TCP client for the server tests, on plain POSIX sockets so the tests do not
// share the code under test. Every read has a deadline: a broken server fails a test, never
// hangs it. Talks to loopback only.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mbh::transport::testing {

using namespace std::chrono_literals;

// Bytes of a Modbus TCP FC 03 request: read `quantity` holding registers from `address`.
std::vector<std::byte> read_request(std::uint16_t transaction, std::uint16_t address,
                                    std::uint16_t quantity = 1, std::uint8_t unit = 1);

struct Frame {
  std::uint16_t transaction;
  std::uint16_t protocol;
  std::uint8_t unit;
  std::vector<std::byte> pdu;
};

class TestClient {
 public:
  enum class Outcome { kData, kClosed, kTimeout };

  // Connects to 127.0.0.1 (or "::1") at `port`; connected() says whether it worked.
  explicit TestClient(std::uint16_t port, const std::string& host = "127.0.0.1");
  ~TestClient();
  TestClient(TestClient&& other) noexcept;
  TestClient& operator=(TestClient&&) = delete;
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(std::span<const std::byte> bytes);
  // Exactly bytes.size() bytes, or the reason there are none.
  Outcome read_exact(std::span<std::byte> bytes, std::chrono::milliseconds timeout = 3s);
  // One whole response frame (header, then length - 1 more bytes), or nothing.
  std::optional<Frame> read_frame(std::chrono::milliseconds timeout = 3s);
  // What comes first within `timeout`: a byte, the end of the stream (or a reset), or nothing.
  Outcome wait(std::chrono::milliseconds timeout);
  void shutdown_write();  // half-close: "that is all I will ask"
  void close();

 private:
  int fd_ = -1;
};

}  // namespace mbh::transport::testing
