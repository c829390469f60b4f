#pragma once
// One accepted Modbus TCP connection: read into the framer, hand each framed request to the
// handler in order, write the replies in that order after their delays, close on a framing
// error, an idle timeout, a kClose reply or the peer's end of stream.
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <system_error>
#include <utility>

#include "harness/codec/adu_framer.hpp"
#include "harness/transport/frame_handler.hpp"
#include "harness/transport/operation_memory.hpp"
#include "harness/transport/reply_queue.hpp"
#include "harness/transport/server_options.hpp"

namespace mbh::transport {

class ServerConnection;

// What every connection of one server shares. All of it is touched on the one I/O thread only.
struct ServerState {
  ServerState(FrameHandler& frame_handler, ServerOptions server_options)
      : handler(frame_handler), options(std::move(server_options)) {}

  FrameHandler& handler;
  ServerOptions options;
  bool hung = false;  // a handler said kHang: nothing is read or answered any more, anywhere
  // Owned here, not only by pending operations: a hung connection has none and stays open.
  std::list<std::shared_ptr<ServerConnection>> connections;
};

class ServerConnection : public std::enable_shared_from_this<ServerConnection> {
 public:
  using Entry = std::list<std::shared_ptr<ServerConnection>>::iterator;

  ServerConnection(asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state);

  // Starts reading and the idle clock; `entry` is this connection's place in state.connections.
  void start(Entry entry);
  // Closes the socket at once (pending replies are dropped) and leaves state.connections.
  void close();

 private:
  bool answering() const { return !closed_ && !state_->hung; }
  void touch() { last_activity_ = std::chrono::steady_clock::now(); }

  void read();
  void on_read(std::error_code error, std::size_t received);
  void handle_frames();
  // Hands one framed request to the handler and acts on its reply.
  void dispatch(const codec::Adu& request);
  // A frame whose protocol id is not 0, answered all the same (FrameHandler says so).
  enum class Foreign : std::uint8_t { kAnswered, kNeedMore, kNotAnswered };
  Foreign answer_foreign_protocol();
  void send();
  void write_front();
  void on_written(std::error_code error);
  void close_if_drained();
  void watch_idle(std::chrono::steady_clock::time_point deadline);
  void on_idle_check(std::error_code error);

  asio::ip::tcp::socket socket_;
  asio::steady_timer reply_timer_;  // a reply's delay
  asio::steady_timer idle_timer_;
  std::shared_ptr<ServerState> state_;
  // One read and one write outstanding at most: each reuses its own block.
  std::shared_ptr<OperationMemory> read_memory_ = std::make_shared<OperationMemory>();
  std::shared_ptr<OperationMemory> write_memory_ = std::make_shared<OperationMemory>();
  Entry entry_{};
  codec::StreamFramer framer_;
  ReplyQueue replies_;
  std::chrono::steady_clock::time_point last_activity_;
  bool reading_ = false;
  bool sending_ = false;   // the front reply is waiting out its delay or being written
  bool delaying_ = false;  // ... waiting out its delay: the connection is busy, not idle
  bool draining_ = false;  // no more requests: answer what is queued, then close
  bool closed_ = false;
};

}  // namespace mbh::transport
