#include "harness/client/modbus_client.hpp"

#include <fmt/format.h>

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <utility>
#include <variant>

#include "harness/client/answer_selection.hpp"
#include "harness/client/exchange_text.hpp"
#include "harness/client/receive_buffer.hpp"
#include "harness/client/request_pacer.hpp"
#include "harness/client/timed_out_ids.hpp"
#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"

namespace mbh::client {
namespace {

using Clock = std::chrono::steady_clock;
using tcp = asio::ip::tcp;

// The longest the client blocks without looking at the interrupt flag.
constexpr auto kSlice = std::chrono::milliseconds(50);

enum class WaitEnd : std::uint8_t { kCompleted, kDeadline, kInterrupted };
enum class Link : std::uint8_t { kUp, kFailed, kInterrupted };

std::chrono::microseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

std::chrono::milliseconds rounded_ms(Clock::duration duration) {
  return std::chrono::round<std::chrono::milliseconds>(duration);
}

// ---- What a tap is told ---------------------------------------------------------------------

IpEndpoint tap_endpoint(const tcp::endpoint& endpoint) {
  IpEndpoint out;
  out.port = endpoint.port();
  const auto to_byte = [](unsigned char b) { return std::byte{b}; };
  if (endpoint.address().is_v4()) {
    std::ranges::transform(endpoint.address().to_v4().to_bytes(), out.address.begin(), to_byte);
  } else {
    out.ipv6 = true;
    std::ranges::transform(endpoint.address().to_v6().to_bytes(), out.address.begin(), to_byte);
  }
  return out;
}

// The ends the socket really has (the local port the system chose); should the system not say,
// the address connected to and a local port 0.
ConnectionEnds connection_ends(const tcp::socket& socket, const tcp::endpoint& peer) {
  std::error_code local_error;
  std::error_code remote_error;
  const tcp::endpoint local = socket.local_endpoint(local_error);
  const tcp::endpoint remote = socket.remote_endpoint(remote_error);
  return ConnectionEnds{tap_endpoint(local_error ? tcp::endpoint(peer.protocol(), 0) : local),
                        tap_endpoint(remote_error ? peer : remote)};
}

// Who ended a connection whose operation failed with `error`: a write into a connection the
// peer reset fails with a broken pipe.
ConnectionEnd end_of(std::error_code error) {
  if (error == asio::error::eof) return ConnectionEnd::kClosedByPeer;
  if (error == asio::error::connection_reset || error == asio::error::broken_pipe ||
      error == asio::error::connection_aborted) {
    return ConnectionEnd::kResetByPeer;
  }
  return ConnectionEnd::kClosedByUs;
}

// What came instead of the answer, for an exchange that ended without one: "" when nothing
// was discarded.
std::string discarded_text(const ClientExchange& exchange) {
  const DiscardedFrames& d = exchange.discarded;
  if (d.total() == 0) return "";
  std::string kinds;
  for (const DiscardedFrame& frame : d.kept) {
    if (kinds.find(stray_kind_name(frame.kind)) != std::string::npos) continue;
    if (!kinds.empty()) kinds += ", ";
    kinds += fmt::format("{} with id {}", stray_kind_name(frame.kind), frame.transaction_id);
  }
  if (d.faults() == 0) {
    // Only answers to earlier requests that had timed out: slow, not wrong.
    return fmt::format("; {} late answer{} to earlier requests came meanwhile, discarded ({})",
                       d.total(), d.total() == 1 ? "" : "s", kinds);
  }
  return fmt::format(
      "; the device sent {} frame{} with the wrong transaction id instead, "
      "discarded ({})",
      d.total(), d.total() == 1 ? "" : "s", kinds);
}

}  // namespace

std::uint64_t DiscardedFrames::total() const {
  std::uint64_t sum = 0;
  for (const std::uint64_t count : counts)
    sum += count;
  return sum;
}

const DiscardedFrame* DiscardedFrames::first(StrayKind kind) const {
  const auto found = std::ranges::find(kept, kind, &DiscardedFrame::kind);
  return found == kept.end() ? nullptr : &*found;
}

void DiscardedFrames::add(StrayKind kind, std::uint16_t transaction_id,
                          std::span<const std::byte> frame) {
  if (counts[static_cast<std::size_t>(kind)]++ < kKeptPerKind) {
    kept.push_back(DiscardedFrame{kind, transaction_id, {frame.begin(), frame.end()}});
  }
}

std::string_view status_name(ExchangeStatus status) {
  switch (status) {
    case ExchangeStatus::kAnswered:
      return "answered";
    case ExchangeStatus::kTimeout:
      return "timeout";
    case ExchangeStatus::kIncomplete:
      return "incomplete";
    case ExchangeStatus::kClosed:
      return "closed";
    case ExchangeStatus::kMalformed:
      return "malformed";
    case ExchangeStatus::kConnectFailed:
      return "connect-failed";
    case ExchangeStatus::kInterrupted:
      return "interrupted";
  }
  return "unknown";
}

// One io_context, socket and resolver for the client's life, driven by the calling thread in
// slices of at most kSlice. One asynchronous operation (connect, write or read) is
// outstanding at a time; its handler records its completion in `pending`.
struct ModbusClient::Impl {
  Impl(TargetAddress target_in, ClientOptions options_in)
      : target(std::move(target_in)), options(options_in), pacer(options_in.rate) {}
  ~Impl() { close(); }  // a tap hears of the last connection's end too
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // ---- Waiting --------------------------------------------------------------------------

  struct Completion {
    std::uint64_t generation = 0;
    bool done = true;
    std::error_code error;
    std::size_t bytes = 0;
  };

  // The handler of every socket operation. A completion of an earlier generation (an
  // operation given up on) is ignored, so it can never pass for the current one's.
  struct Completer {
    Impl* impl;
    std::uint64_t generation;
    void operator()(std::error_code error, std::size_t bytes = 0) const {
      if (generation != impl->pending.generation) return;
      impl->pending.done = true;
      impl->pending.error = error;
      impl->pending.bytes = bytes;
    }
  };

  Completer begin_operation() {
    pending = Completion{pending.generation + 1, false, {}, 0};
    return Completer{this, pending.generation};
  }

  bool interrupted() const {
    return options.interrupt != nullptr && options.interrupt->load(std::memory_order_relaxed);
  }

  // Runs the io_context until `done()`, the deadline, or the interrupt flag; after the
  // deadline or the flag, `give_up()` is called.
  template <class Done, class GiveUp>
  WaitEnd wait(Done done, Clock::time_point deadline, GiveUp give_up) {
    io.restart();  // a context that ran out of work stays stopped until restarted
    while (!done()) {
      if (interrupted()) {
        give_up();
        return WaitEnd::kInterrupted;
      }
      const auto now = Clock::now();
      if (now >= deadline) {
        give_up();
        return WaitEnd::kDeadline;
      }
      io.run_one_for(std::min<Clock::duration>(deadline - now, kSlice));
    }
    return WaitEnd::kCompleted;
  }

  // Waits for the socket operation begun last; given up on, it is cancelled, and its handler
  // (which then runs at once, with operation_aborted) is run before returning. One that had
  // completed as it was cancelled did its work (bytes read must not be lost): it counts.
  WaitEnd wait_socket(Clock::time_point deadline) {
    const WaitEnd end =
        wait([this] { return pending.done; }, deadline, [this] { cancel_pending(); });
    if (end != WaitEnd::kCompleted && pending.done && !pending.error) return WaitEnd::kCompleted;
    return end;
  }

  void cancel_pending() {
    std::error_code ignored;
    socket.cancel(ignored);
    const auto bound = Clock::now() + std::chrono::seconds(1);
    while (!pending.done && Clock::now() < bound)
      io.run_one_for(kSlice);
    // Never seen; should it happen, the generation check makes the stray handler harmless.
    if (!pending.done) close();
  }

  // Sleeps until the pacer's turn; false when interrupted meanwhile.
  bool wait_turn() {
    if (!pacer.limited()) return !interrupted();
    const auto start = pacer.reserve(Clock::now());
    for (auto now = Clock::now(); now < start; now = Clock::now()) {
      if (interrupted()) return false;
      std::this_thread::sleep_until(std::min(start, now + kSlice));
    }
    return !interrupted();
  }

  // ---- The connection -------------------------------------------------------------------

  void close(ConnectionEnd how = ConnectionEnd::kClosedByUs) {
    std::error_code ignored;
    if (is_connected && how == ConnectionEnd::kClosedByUs && options.reset_on_close) {
      socket.set_option(asio::socket_base::linger(true, 0), ignored);
      how = ConnectionEnd::kResetByUs;
    }
    if (is_connected && options.tap != nullptr) options.tap->closed(tap_id, how, TapClock::now());
    socket.close(ignored);
    is_connected = false;
    received.clear();
    before_request = 0;
    // Answers can only come on the connection their requests were sent on.
    timed_out.clear();
    answered.clear();
  }

  // Names are resolved with asio's resolver, whose getaddrinfo() runs on a thread of its own
  // and cannot be interrupted: past the deadline the resolution is abandoned (its handler only
  // writes into state it shares) rather than waited for.
  struct Resolution {
    bool done = false;
    std::error_code error;
    std::vector<tcp::endpoint> endpoints;
  };

  Link resolve(Clock::time_point deadline) {
    endpoints.clear();
    std::error_code not_literal;
    const auto address = asio::ip::make_address(target.host, not_literal);
    if (!not_literal) {
      endpoints.emplace_back(address, target.port);
      return Link::kUp;
    }
    auto resolution = std::make_shared<Resolution>();
    resolver.async_resolve(target.host, std::to_string(target.port), tcp::resolver::numeric_service,
                           [resolution](std::error_code error, tcp::resolver::results_type found) {
                             resolution->done = true;
                             resolution->error = error;
                             for (const auto& entry : found)
                               resolution->endpoints.push_back(entry.endpoint());
                           });
    const auto end =
        wait([&] { return resolution->done; }, deadline, [this] { resolver.cancel(); });
    if (end == WaitEnd::kInterrupted) return Link::kInterrupted;
    if (end == WaitEnd::kDeadline) {
      last_error = fmt::format("could not resolve '{}' within {} ms", target.host,
                               options.connect_timeout.count());
      return Link::kFailed;
    }
    if (resolution->error) {
      last_error =
          fmt::format("could not resolve '{}': {}", target.host, resolution->error.message());
      return Link::kFailed;
    }
    if (resolution->endpoints.empty()) {
      last_error = fmt::format("'{}' resolved to no address", target.host);
      return Link::kFailed;
    }
    endpoints = std::move(resolution->endpoints);
    return Link::kUp;
  }

  // Each endpoint in turn, sharing what is left of the connect deadline evenly with those
  // after it: a refusal costs nothing and leaves its share to the next.
  Link open(Clock::time_point deadline) {
    if (is_connected) return Link::kUp;
    if (const Link resolved = resolve(deadline); resolved != Link::kUp) return resolved;
    std::string failures;
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
      const auto now = Clock::now();
      const auto share = std::max<Clock::duration>(
          (deadline - now) / static_cast<Clock::rep>(endpoints.size() - i), Clock::duration{});
      const tcp::endpoint& endpoint = endpoints[i];
      socket.async_connect(endpoint, begin_operation());
      const WaitEnd end = wait_socket(now + share);
      if (end == WaitEnd::kInterrupted) {
        close();
        return Link::kInterrupted;
      }
      std::string failure;
      if (end == WaitEnd::kDeadline) {
        failure = fmt::format("no connection to {} within {} ms", endpoint_text(endpoint),
                              rounded_ms(share).count());
      } else if (pending.error) {
        failure = connect_failure(endpoint, pending.error);
      } else {
        established(endpoint);
        return Link::kUp;
      }
      close();
      if (!failures.empty()) failures += "; ";
      failures += failure;
    }
    last_error = std::move(failures);
    return Link::kFailed;
  }

  void established(const tcp::endpoint& endpoint) {
    std::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);  // requests are small and awaited
    // For the check before each request; asynchronous operations are unaffected.
    socket.non_blocking(true, ignored);
    is_connected = true;
    peer = endpoint_text(endpoint);
    if (connections++ > 0) ++reconnects;
    if (options.tap != nullptr) {
      tap_id = options.tap->opened(connection_ends(socket, endpoint), TapClock::now());
    }
  }

  // Bytes the socket took, and bytes a read returned, as they went: for the tap.
  void tap_sent(std::span<const std::byte> bytes) {
    if (options.tap != nullptr && is_connected && !bytes.empty()) {
      options.tap->sent(tap_id, bytes, TapClock::now());
    }
  }
  void tap_received(std::span<const std::byte> bytes) {
    if (options.tap != nullptr && is_connected && !bytes.empty()) {
      options.tap->received(tap_id, bytes, TapClock::now());
    }
  }

  // Takes in what arrived while idle, without waiting. A connection the device closed (or
  // reset) meanwhile is closed here, to be reopened before the request is sent.
  void take_in_idle_bytes() {
    while (is_connected) {
      const auto room = received.writable();
      if (room.empty()) return;
      std::error_code error;
      const std::size_t got = socket.read_some(asio::buffer(room.data(), room.size()), error);
      if (error == asio::error::would_block || error == asio::error::try_again) return;
      if (error) {
        close(end_of(error));
        return;
      }
      tap_received(room.first(std::min(got, room.size())));
      received.commit(got);
    }
  }

  // ---- One exchange ---------------------------------------------------------------------

  void run(ClientExchange& exchange, bool has_id, bool wait_for_answer = true) {
    if (!wait_turn()) {
      exchange.status = ExchangeStatus::kInterrupted;
      exchange.error = "interrupted before the request was sent";
      return;
    }
    const auto start = Clock::now();
    last_piece_out = start;
    send_and_receive(exchange, has_id, wait_for_answer);
    // In pieces, the round trip is from the last one.
    exchange.elapsed = since(piece_gap ? last_piece_out : start);
  }

  void send_and_receive(ClientExchange& exchange, bool has_id, bool wait_for_answer = true) {
    take_in_idle_bytes();
    const Link link = open(Clock::now() + options.connect_timeout);
    if (link == Link::kInterrupted) {
      exchange.status = ExchangeStatus::kInterrupted;
      exchange.error = "interrupted while connecting";
      return;
    }
    if (link == Link::kFailed) {
      exchange.status = ExchangeStatus::kConnectFailed;
      exchange.error = last_error;
      exchange.request.clear();
      return;
    }
    if (has_id) {
      timed_out.forget(exchange.transaction_id);
      answered.forget(exchange.transaction_id);
    }
    // Every byte buffered now came before the request: what it frames was sent unasked.
    before_request = received.size();
    const auto deadline = Clock::now() + options.response_timeout;
    ++sent;
    if (!send(exchange, deadline)) return;
    if (!wait_for_answer) {
      exchange.status = ExchangeStatus::kTimeout;
      exchange.error = "sent; no answer waited for";
      if (has_id) timed_out.remember(exchange.transaction_id);
      return;
    }
    // Sent in pieces, the wait for the answer starts once the last is out.
    last_piece_out = Clock::now();
    receive(exchange, has_id, piece_gap ? last_piece_out + options.response_timeout : deadline);
  }

  // When the peer broke the connection, kKeepBroken leaves the socket open: what the device
  // sent before it went is still there to read.
  enum class OnBroken { kClose, kKeepBroken };

  // The request in one write, or with piece_gap set one byte per write, that far apart (the
  // socket does not delay: each is a segment of its own).
  bool send(ClientExchange& exchange, Clock::time_point deadline,
            OnBroken on_broken = OnBroken::kClose) {
    const std::span<const std::byte> request(exchange.request);
    const std::size_t piece = piece_gap ? 1 : request.size();
    std::size_t at = 0;
    do {
      if (at > 0) std::this_thread::sleep_for(*piece_gap);
      const auto part = request.subspan(at, std::min(piece, request.size() - at));
      if (!send_part(exchange, part, deadline, on_broken)) return false;
      at += part.size();
    } while (at < request.size());
    return true;
  }

  bool send_part(ClientExchange& exchange, std::span<const std::byte> part,
                 Clock::time_point deadline, OnBroken on_broken) {
    asio::async_write(socket, asio::buffer(part.data(), part.size()), begin_operation());
    const WaitEnd end = wait_socket(deadline);
    // What the socket took, all of it or (the write cut short) a part.
    if (pending.done) tap_sent(part.first(std::min(pending.bytes, part.size())));
    if (end == WaitEnd::kCompleted && !pending.error) return true;
    const bool broken_by_peer =
        end == WaitEnd::kCompleted && end_of(pending.error) != ConnectionEnd::kClosedByUs;
    // Part of the request may be on the wire: the stream cannot be trusted any more.
    if (!broken_by_peer || on_broken == OnBroken::kClose) {
      close(end == WaitEnd::kCompleted ? end_of(pending.error) : ConnectionEnd::kClosedByUs);
    }
    if (end == WaitEnd::kInterrupted) {
      exchange.status = ExchangeStatus::kInterrupted;
      exchange.error = "interrupted while sending the request";
    } else if (end == WaitEnd::kDeadline) {
      exchange.status = ExchangeStatus::kTimeout;
      exchange.error = fmt::format(
          "could not send the request within {} ms (the device is not "
          "reading)",
          options.response_timeout.count());
    } else {
      exchange.status = ExchangeStatus::kClosed;
      exchange.error = fmt::format("the connection broke while sending the request: {}",
                                   pending.error.message());
    }
    return false;
  }

  // Consumes the frame at the front of the buffer.
  void consume(std::size_t size) {
    received.consume(size);
    before_request -= std::min(before_request, size);
  }

  void receive(ClientExchange& exchange, bool has_id, Clock::time_point deadline) {
    for (;;) {
      const auto unread = received.unread();
      const AnswerSelection selected =
          select_answer(unread, timed_out, answered,
                        has_id ? std::optional(exchange.transaction_id) : std::nullopt,
                        before_request > 0 ? Arrival::kBeforeRequest : Arrival::kWhileWaiting);
      if (const auto* stray = std::get_if<StrayFrame>(&selected)) {
        ++discarded_counts[static_cast<std::size_t>(stray->kind)];
        exchange.discarded.add(stray->kind, stray->transaction_id, unread.first(stray->size));
        consume(stray->size);
        continue;
      }
      if (const auto* answer = std::get_if<AnswerFrame>(&selected)) {
        exchange.response.assign(unread.begin(),
                                 unread.begin() + static_cast<std::ptrdiff_t>(answer->size));
        consume(answer->size);
        answered.remember(answer->transaction_id);
        exchange.status = ExchangeStatus::kAnswered;
        return;
      }
      if (const auto* error = std::get_if<codec::DecodeError>(&selected)) {
        exchange.response.assign(unread.begin(), unread.end());
        exchange.status = ExchangeStatus::kMalformed;
        exchange.error = malformed_answer(*error, unread);
        close();
        return;
      }
      if (!read_more(exchange, has_id, deadline)) return;
    }
  }

  // Reads once more into the buffer; false when the exchange ended instead.
  bool read_more(ClientExchange& exchange, bool has_id, Clock::time_point deadline) {
    const auto room = received.writable();
    // Unreachable: the buffer holds at most one partial frame here, and has room for four.
    if (room.empty()) {
      exchange.status = ExchangeStatus::kMalformed;
      exchange.error = "the answer overflowed the receive buffer";
      close();
      return false;
    }
    socket.async_read_some(asio::buffer(room.data(), room.size()), begin_operation());
    const WaitEnd end = wait_socket(deadline);
    if (end == WaitEnd::kCompleted && !pending.error) {
      tap_received(room.first(std::min(pending.bytes, room.size())));
      received.commit(pending.bytes);
      return true;
    }
    const auto unread = received.unread();
    exchange.response.assign(unread.begin(), unread.end());
    if (end == WaitEnd::kCompleted) {
      exchange.status = ExchangeStatus::kClosed;
      exchange.error = closed_early(pending.error, unread);
      close(end_of(pending.error));
    } else if (end == WaitEnd::kInterrupted) {
      exchange.status = ExchangeStatus::kInterrupted;
      exchange.error = "interrupted while waiting for the answer";
      // The answer may still come: recognise it as late. A partial one leaves the stream
      // unframeable for the next request, though.
      if (has_id) timed_out.remember(exchange.transaction_id);
      if (!unread.empty()) close();
    } else if (!unread.empty()) {
      exchange.status = ExchangeStatus::kIncomplete;
      exchange.error = incomplete_answer(unread, options.response_timeout);
      close();
    } else if (exchange.discarded.total() > 0) {
      exchange.status = ExchangeStatus::kTimeout;
      exchange.error = fmt::format("no answer carrying transaction id {} within {} ms",
                                   exchange.transaction_id, options.response_timeout.count());
      if (has_id) timed_out.remember(exchange.transaction_id);
    } else {
      exchange.status = ExchangeStatus::kTimeout;
      exchange.error = fmt::format("no answer within {} ms", options.response_timeout.count());
      if (has_id) timed_out.remember(exchange.transaction_id);
    }
    exchange.error += discarded_text(exchange);
    return false;
  }

  // ---- A frame and a probe, pipelined ---------------------------------------------------

  void run_pipelined(PipelinedExchange& pair) {
    ClientExchange& frame = pair.frame;
    ClientExchange& probe = pair.probe;
    if (!wait_turn()) {
      frame.status = probe.status = ExchangeStatus::kInterrupted;
      frame.error = probe.error = "interrupted before the request was sent";
      return;
    }
    const auto start = Clock::now();
    send_pipelined(pair, start);
    probe.elapsed = since(start);
    if (frame.elapsed.count() == 0) frame.elapsed = probe.elapsed;
  }

  // The frame's exchange ended without an answer: the probe, behind it, ends the same way.
  void probe_ends_with_frame(const ClientExchange& frame, ClientExchange& probe) {
    probe.status = frame.status;
    probe.error = fmt::format("not answered either ({})", status_name(frame.status));
    if (frame.status == ExchangeStatus::kTimeout && is_connected) {
      timed_out.remember(probe.transaction_id);
    }
  }

  void send_pipelined(PipelinedExchange& pair, Clock::time_point start) {
    ClientExchange& frame = pair.frame;
    ClientExchange& probe = pair.probe;
    take_in_idle_bytes();
    const Link link = open(Clock::now() + options.connect_timeout);
    if (link != Link::kUp) {
      frame.status = link == Link::kInterrupted ? ExchangeStatus::kInterrupted
                                                : ExchangeStatus::kConnectFailed;
      frame.error = link == Link::kInterrupted ? "interrupted while connecting" : last_error;
      frame.request.clear();
      probe.request.clear();
      probe_ends_with_frame(frame, probe);
      return;
    }
    for (const std::uint16_t id : {frame.transaction_id, probe.transaction_id}) {
      timed_out.forget(id);
      answered.forget(id);
    }
    before_request = received.size();
    const auto deadline = Clock::now() + options.response_timeout;
    ++sent;
    if (!send(frame, deadline)) {
      probe.request.clear();
      probe_ends_with_frame(frame, probe);
      return;
    }
    ++sent;
    if (!send(probe, deadline, OnBroken::kKeepBroken)) {
      if (!is_connected) {
        frame.status = probe.status;
        frame.error = "the valid read sent after it could not be sent: " + probe.error;
        return;
      }
      // The device went between the two writes; it may have answered the frame first.
      const ConnectionEnd how = end_of(pending.error);
      receive(frame, true, deadline);
      close(how);
      return;
    }
    bool frame_done = false;
    for (;;) {
      ClientExchange& waiting = frame_done ? probe : frame;
      const auto unread = received.unread();
      const AnswerSelection selected =
          select_answer(unread, timed_out, answered, waiting.transaction_id,
                        before_request > 0 ? Arrival::kBeforeRequest : Arrival::kWhileWaiting);
      if (const auto* stray = std::get_if<StrayFrame>(&selected)) {
        if (!frame_done && stray->transaction_id == probe.transaction_id) {
          // The probe's answer first: the device read past the frame without answering it.
          pair.frame_dropped = true;
          frame.status = ExchangeStatus::kTimeout;
          frame.error = fmt::format(
              "no answer: the device answered the valid read sent after it (transaction id "
              "{}) first",
              probe.transaction_id);
          frame.elapsed = since(start);
          timed_out.remember(frame.transaction_id);
          probe.response.assign(unread.begin(),
                                unread.begin() + static_cast<std::ptrdiff_t>(stray->size));
          consume(stray->size);
          answered.remember(probe.transaction_id);
          probe.status = ExchangeStatus::kAnswered;
          return;
        }
        ++discarded_counts[static_cast<std::size_t>(stray->kind)];
        waiting.discarded.add(stray->kind, stray->transaction_id, unread.first(stray->size));
        consume(stray->size);
        continue;
      }
      if (const auto* answer = std::get_if<AnswerFrame>(&selected)) {
        waiting.response.assign(unread.begin(),
                                unread.begin() + static_cast<std::ptrdiff_t>(answer->size));
        consume(answer->size);
        answered.remember(answer->transaction_id);
        waiting.status = ExchangeStatus::kAnswered;
        if (frame_done) return;
        frame.elapsed = since(start);
        frame_done = true;
        continue;
      }
      if (const auto* error = std::get_if<codec::DecodeError>(&selected)) {
        waiting.response.assign(unread.begin(), unread.end());
        waiting.status = ExchangeStatus::kMalformed;
        waiting.error = malformed_answer(*error, unread);
        close();
        if (!frame_done) {
          probe.status = ExchangeStatus::kClosed;
          probe.error = "not answered: the bytes before its answer cannot be framed";
        }
        return;
      }
      if (!read_more(waiting, true, deadline)) {
        if (!frame_done) probe_ends_with_frame(frame, probe);
        return;
      }
    }
  }

  // ---- State ----------------------------------------------------------------------------

  TargetAddress target;
  ClientOptions options;
  RequestPacer pacer;
  asio::io_context io{1};
  tcp::socket socket{io};
  tcp::resolver resolver{io};
  std::vector<tcp::endpoint> endpoints;
  Completion pending;
  ReceiveBuffer received;
  TimedOutIds timed_out;
  AnsweredIds answered;
  std::size_t before_request = 0;  // of the unread bytes, those buffered before the request
  bool is_connected = false;
  TapConnectionId tap_id = 0;  // the tap's name for the connection, while connected
  std::string peer;
  std::string last_error;
  std::uint16_t next_id = 1;
  std::uint64_t connections = 0;
  std::uint64_t reconnects = 0;
  std::uint64_t sent = 0;
  std::array<std::uint64_t, kStrayKindCount> discarded_counts{};
  std::optional<std::chrono::microseconds> piece_gap;  // while exchange_in_pieces() sends
  Clock::time_point last_piece_out;
};

ModbusClient::ModbusClient(TargetAddress target, ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(target), options)) {}

ModbusClient::~ModbusClient() = default;
ModbusClient::ModbusClient(ModbusClient&&) noexcept = default;
ModbusClient& ModbusClient::operator=(ModbusClient&&) noexcept = default;

Result<std::string, std::string> ModbusClient::connect() {
  impl_->take_in_idle_bytes();
  switch (impl_->open(Clock::now() + impl_->options.connect_timeout)) {
    case Link::kUp:
      return impl_->peer;
    case Link::kInterrupted:
      return fail(std::string("interrupted while connecting"));
    case Link::kFailed:
      break;
  }
  return fail(impl_->last_error);
}

ClientExchange ModbusClient::exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                      std::optional<std::uint16_t> transaction_id) {
  ClientExchange exchange;
  exchange.transaction_id = transaction_id ? *transaction_id : impl_->next_id++;
  // The length field counts the unit id and the PDU; a PDU too long for it (only ever sent
  // on purpose) gets the largest length the field holds.
  const auto length = static_cast<std::uint16_t>(std::min<std::size_t>(pdu.size() + 1, 0xFFFF));
  exchange.request.resize(codec::kMbapSize + pdu.size());
  codec::encode_mbap(codec::MbapHeader{exchange.transaction_id, 0, length, unit},
                     std::span<std::byte>(exchange.request).first<codec::kMbapSize>());
  std::ranges::copy(pdu, exchange.request.begin() + codec::kMbapSize);
  impl_->run(exchange, true);
  return exchange;
}

ClientExchange ModbusClient::exchange_raw(std::span<const std::byte> adu) {
  return raw(adu, true);
}

ClientExchange ModbusClient::send_raw(std::span<const std::byte> adu) {
  return raw(adu, false);
}

ClientExchange ModbusClient::exchange_in_pieces(std::span<const std::byte> adu,
                                                std::chrono::microseconds gap) {
  impl_->piece_gap = gap;
  auto exchange = raw(adu, true);
  impl_->piece_gap.reset();
  return exchange;
}

ClientExchange ModbusClient::raw(std::span<const std::byte> adu, bool wait_for_answer) {
  ClientExchange exchange;
  exchange.request.assign(adu.begin(), adu.end());
  const bool has_id = adu.size() >= codec::kMbapSize;
  if (has_id) {
    exchange.transaction_id = codec::decode_mbap(adu.first<codec::kMbapSize>()).transaction_id;
  }
  impl_->run(exchange, has_id, wait_for_answer);
  return exchange;
}

PipelinedExchange ModbusClient::exchange_pipelined(std::span<const std::byte> adu,
                                                   std::span<const std::byte> probe) {
  PipelinedExchange pair;
  pair.frame.request.assign(adu.begin(), adu.end());
  pair.probe.request.assign(probe.begin(), probe.end());
  if (adu.size() >= codec::kMbapSize) {
    pair.frame.transaction_id = codec::decode_mbap(adu.first<codec::kMbapSize>()).transaction_id;
  }
  if (probe.size() >= codec::kMbapSize) {
    pair.probe.transaction_id = codec::decode_mbap(probe.first<codec::kMbapSize>()).transaction_id;
  }
  impl_->run_pipelined(pair);
  return pair;
}

void ModbusClient::set_response_timeout(std::chrono::milliseconds timeout) {
  impl_->options.response_timeout = timeout;
}

bool ModbusClient::connected() const {
  return impl_->is_connected;
}
const TargetAddress& ModbusClient::target() const {
  return impl_->target;
}
const ClientOptions& ModbusClient::options() const {
  return impl_->options;
}
std::uint64_t ModbusClient::requests_sent() const {
  return impl_->sent;
}
std::uint64_t ModbusClient::reconnects() const {
  return impl_->reconnects;
}
std::uint64_t ModbusClient::late_answers() const {
  return discarded(StrayKind::kLate);
}
std::uint64_t ModbusClient::discarded(StrayKind kind) const {
  return impl_->discarded_counts[static_cast<std::size_t>(kind)];
}
void ModbusClient::disconnect() {
  impl_->close();
}

}  // namespace mbh::client
