#pragma once
// A Modbus TCP client for conformance runs and fuzzing: one request outstanding at a time,
// every wait bounded, every network failure a status (never an exception), and the answer
// returned as the bytes came, right or wrong, for the caller to judge. Pure of the models.
//
// Rules it keeps:
// - The answer is the first complete frame that carries the request's transaction id, whatever
//   its protocol or unit (the caller checks the rest of the header with codec::check_answers).
//   Any other complete frame is discarded, recorded in the exchange (ClientExchange::discarded)
//   and counted, and the wait goes on until the answer or the deadline (answer_selection.hpp
//   tells the kinds apart): a late answer (the id of one of the last 64 requests that timed
//   out: the device was slow), a duplicate answer (the id of one of the last 16 requests
//   answered), an answer to a request never sent (any other id, come while the request
//   waited) and a frame sent unasked (any other id, come before the request was sent). So a
//   stray frame never passes for the answer to the next request, and a device whose answers
//   never carry the right id times out each request, its error saying what came instead.
// - A raw request too short to carry an id (exchange_raw) takes any complete frame but a late
//   answer.
// - After kTimeout the connection stays open (a late answer may still come). After
//   kIncomplete, kClosed or kMalformed it is closed, since Modbus TCP cannot resynchronise,
//   and the next exchange reconnects.
// - Bytes after the answer frame stay buffered and are judged by the next exchange: a complete
//   frame is discarded there as above (a duplicate, or a frame sent unasked), garbage makes it
//   kMalformed. Bytes are dropped unseen only with the connection they came on.
// - Before sending, bytes that arrived while idle are taken in, and a connection the device
//   closed while idle (an idle timeout) is reopened, so that a request is never blamed for a
//   close that came before it.
// - An exchange takes at most connect_timeout (when it must connect) + response_timeout,
//   plus the wait for its turn under `rate`. A host name is resolved by getaddrinfo() on
//   Asio's resolver thread: past connect_timeout it is abandoned, not awaited, but destroying
//   the client waits for that thread (the system resolver's own timeout).
// - Several addresses for a name are tried in turn, sharing connect_timeout evenly: a refusal
//   costs nothing and leaves its share to the next.
// Not thread-safe: one thread uses a client (the interrupt flag may be set from anywhere).
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness/client/answer_selection.hpp"
#include "harness/client/frame_tap.hpp"
#include "harness/client/target_address.hpp"
#include "harness/codec/result.hpp"

namespace mbh::client {

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{1000};   // resolving and connecting, all endpoints
  std::chrono::milliseconds response_timeout{1000};  // sending and the whole answer
  double rate = 0;  // requests per second, at most, paced evenly; 0: no cap
  // When set and true, waits end early with kInterrupted (seen within 50 ms). While it stays
  // raised every exchange ends so at once, sending nothing: a caller that must still restore
  // values after an interrupt lowers it first, or uses a client without one.
  const std::atomic<bool>* interrupt = nullptr;
  // When set, told of every connection, every chunk written and read, and every close
  // (frame_tap.hpp); it must outlive the client.
  FrameTap* tap = nullptr;
  // Close with a reset (SO_LINGER 0) rather than a FIN: no TIME_WAIT is left behind, so a
  // fuzzer opening thousands of connections a second never runs out of local ports.
  bool reset_on_close = false;
};

enum class ExchangeStatus : std::uint8_t {
  kAnswered,       // a complete frame came (its header may still be wrong: the caller checks)
  kTimeout,        // nothing within response_timeout (or the request could not be sent in time)
  kIncomplete,     // some bytes, but not a whole frame, within response_timeout
  kClosed,         // the device closed or reset the connection before a whole answer
  kMalformed,      // the bytes cannot be framed (protocol id not 0, length outside 2..254)
  kConnectFailed,  // could not connect: refused, unreachable, name not resolved, timeout
  kInterrupted,    // the interrupt flag was raised
};

// "answered", "timeout", "incomplete", "closed", "malformed", "connect-failed", "interrupted".
std::string_view status_name(ExchangeStatus status);

// A complete frame discarded during an exchange because it did not carry the request's id.
struct DiscardedFrame {
  StrayKind kind;
  std::uint16_t transaction_id = 0;
  std::vector<std::byte> frame;  // the whole ADU
};

// The frames one exchange discarded: every one counted by kind, the first two of each kind
// kept whole (a device may send any number within a timeout).
struct DiscardedFrames {
  static constexpr std::size_t kKeptPerKind = 2;

  std::vector<DiscardedFrame> kept;  // in the order they came
  std::array<std::uint64_t, kStrayKindCount> counts{};

  std::uint64_t count(StrayKind kind) const { return counts[static_cast<std::size_t>(kind)]; }
  std::uint64_t total() const;
  // Those the device is to blame for: all but late answers.
  std::uint64_t faults() const { return total() - count(StrayKind::kLate); }
  // The first kept frame of `kind`, or null.
  const DiscardedFrame* first(StrayKind kind) const;
  void add(StrayKind kind, std::uint16_t transaction_id, std::span<const std::byte> frame);
};

struct ClientExchange {
  ExchangeStatus status = ExchangeStatus::kConnectFailed;
  std::vector<std::byte> request;    // the whole ADU sent (empty when kConnectFailed)
  std::vector<std::byte> response;   // kAnswered: the whole ADU; otherwise what did arrive
  std::string error;                 // one readable sentence for anything but kAnswered
  std::uint16_t transaction_id = 0;  // the id the request carried
  DiscardedFrames discarded;         // frames taken in during the exchange that did not answer it
  // Connecting (when needed), sending and waiting; not the wait for a turn under `rate`.
  std::chrono::microseconds elapsed{0};
};

// A frame and the valid read sent right after it (ModbusClient::exchange_pipelined).
struct PipelinedExchange {
  ClientExchange frame;
  ClientExchange probe;
  bool frame_dropped = false;  // the probe was answered first: the device dropped the frame
};

class ModbusClient {
 public:
  ModbusClient(TargetAddress target, ClientOptions options = {});
  ~ModbusClient();
  // A moved-from client may only be destroyed or assigned to.
  ModbusClient(ModbusClient&&) noexcept;
  ModbusClient& operator=(ModbusClient&&) noexcept;
  ModbusClient(const ModbusClient&) = delete;
  ModbusClient& operator=(const ModbusClient&) = delete;

  // Connects now unless connected (exchange() also connects when it must). The peer's address
  // ("127.0.0.1:5020"), or one sentence saying why there is no connection.
  Result<std::string, std::string> connect();

  // Sends `pdu` as given (well formed or not) with `unit`, protocol id 0, the length computed
  // and the next transaction id (or `transaction_id`), and waits for the answer.
  ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                          std::optional<std::uint16_t> transaction_id = std::nullopt);

  // The same for an ADU given whole, odd header and all. Its transaction id (with 7 bytes or
  // more) is the one its answer must carry.
  ClientExchange exchange_raw(std::span<const std::byte> adu);

  // Sends `adu` (7 bytes or more, any header) and at once after it `probe` (a valid request
  // with another transaction id) on one connection, then waits for the probe's answer within
  // one response_timeout. A device answers the requests of a connection in order, so the
  // probe's answer bounds the wait for the frame's to one round trip: a frame still
  // unanswered when the probe's answer comes was dropped (kTimeout, its id remembered, so
  // that an answer coming later is discarded as late). When the frame's exchange ends without
  // an answer (the connection closed, nothing in time), the probe's ends the same way. A
  // device that answers the frame and resets the connection before the probe is written
  // still has its answer read: only the probe is kClosed.
  PipelinedExchange exchange_pipelined(std::span<const std::byte> adu,
                                       std::span<const std::byte> probe);

  // exchange_raw() with `adu` sent one byte per write, `gap` apart, each a TCP segment of its
  // own (a device must reassemble a frame however it is cut); response_timeout bounds each
  // write, and the wait for the answer from the last.
  ClientExchange exchange_in_pieces(std::span<const std::byte> adu, std::chrono::microseconds gap);

  // Sends `adu` as exchange_raw() does, without waiting for an answer: kTimeout ("not waited
  // for") once the bytes are out, or how sending failed. What the device answers stays
  // buffered, to be judged by the next exchange, or dropped with disconnect().
  ClientExchange send_raw(std::span<const std::byte> adu);

  // For the exchanges from now on (a fuzzer's wait adapts to the round trips it measures).
  void set_response_timeout(std::chrono::milliseconds timeout);

  bool connected() const;
  const TargetAddress& target() const;
  const ClientOptions& options() const;

  std::uint64_t requests_sent() const;
  std::uint64_t reconnects() const;    // connections opened after the first
  std::uint64_t late_answers() const;  // answers to earlier, timed-out requests, discarded
  // Frames discarded of `kind` on every connection so far (late_answers() is kLate's).
  std::uint64_t discarded(StrayKind kind) const;

  // Closes the connection (bytes buffered and the ids remembered are dropped with it).
  void disconnect();

 private:
  ClientExchange raw(std::span<const std::byte> adu, bool wait_for_answer);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mbh::client
