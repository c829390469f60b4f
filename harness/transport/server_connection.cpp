#include "harness/transport/server_connection.hpp"

#include <asio/bind_allocator.hpp>
#include <asio/post.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <cstdlib>
#include <variant>

namespace mbh::transport {

ServerConnection::ServerConnection(asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state)
    : socket_(std::move(socket)),
      reply_timer_(socket_.get_executor()),
      idle_timer_(socket_.get_executor()),
      state_(std::move(state)),
      replies_(state_->options.max_pending_replies) {}

void ServerConnection::start(Entry entry) {
  entry_ = entry;
  touch();
  // Requests and replies are small and answered one by one: Nagle would only add latency.
  std::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  if (state_->options.idle_timeout.count() > 0) {
    watch_idle(last_activity_ + state_->options.idle_timeout);
  }
  read();
}

void ServerConnection::close() {
  if (closed_) return;
  closed_ = true;
  const auto self = shared_from_this();  // the list entry erased below may be the last owner
  std::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  reply_timer_.cancel();
  idle_timer_.cancel();
  state_->connections.erase(entry_);
}

void ServerConnection::read() {
  if (reading_ || draining_ || !answering() || replies_.full()) return;
  const auto room = framer_.writable();
  if (room.empty()) {
    // Unreachable: the framer holds several frames and the queue had room to take them.
    draining_ = true;
    return;
  }
  reading_ = true;
  // Straight into the framer's buffer: no copy between the socket and the parser.
  socket_.async_read_some(asio::buffer(room.data(), room.size()),
                          asio::bind_allocator(OperationAllocator<void>(read_memory_),
                                               [self = shared_from_this()](std::error_code error,
                                                                           std::size_t received) {
                                                 self->on_read(error, received);
                                               }));
}

void ServerConnection::on_read(std::error_code error, std::size_t received) {
  reading_ = false;
  if (closed_) return;
  if (error) {
    if (error != asio::error::eof) {
      close();
      return;
    }
    // The peer has said all it will (perhaps only half-closed): answer what it asked, then close.
    draining_ = true;
  } else {
    const bool frame_starts = framer_.buffered() == 0;
    framer_.commit(received);
    if (frame_starts && received < codec::kMbapSize && state_->handler.crashes_on_split_header()) {
      std::abort();
    }
    if (!frame_starts && state_->handler.crashes_on_slow_byte() &&
        std::chrono::steady_clock::now() - last_activity_ > kSlowByte) {
      std::abort();
    }
    touch();
    handle_frames();
  }
  send();
  read();
  close_if_drained();
}

void ServerConnection::handle_frames() {
  while (!draining_ && answering() && !replies_.full()) {
    const auto next = framer_.next();
    if (std::holds_alternative<codec::NeedMore>(next)) return;
    if (const auto* error = std::get_if<codec::DecodeError>(&next)) {
      if (error->code == codec::CodecError::kBadProtocolId &&
          state_->handler.answers_foreign_protocol()) {
        const Foreign foreign = answer_foreign_protocol();
        if (foreign == Foreign::kAnswered) continue;
        if (foreign == Foreign::kNeedMore) return;
      }
      if (state_->handler.skips_bad_frames()) {
        const auto skipped = framer_.skip_bad_frame();
        if (skipped == codec::StreamFramer::Skip::kSkipped) continue;
        if (skipped == codec::StreamFramer::Skip::kNeedMore) return;
      }
      // Modbus TCP has no resynchronisation marker: answer what came before, then close.
      draining_ = true;
      return;
    }
    dispatch(std::get<codec::FramedAdu>(next).adu);
  }
}

ServerConnection::Foreign ServerConnection::answer_foreign_protocol() {
  const auto bytes = framer_.unread();
  const auto header = codec::decode_mbap(bytes.first<codec::kMbapSize>());
  if (header.length < codec::kMinMbapLength || header.length > codec::kMaxMbapLength) {
    return Foreign::kNotAnswered;
  }
  const std::size_t size = codec::kMbapSize - 1 + header.length;
  if (bytes.size() < size) return Foreign::kNeedMore;
  dispatch(codec::Adu{header, bytes.subspan(codec::kMbapSize, size - codec::kMbapSize)});
  framer_.skip_bad_frame();  // drops the frame just answered, and the error with it
  return Foreign::kAnswered;
}

void ServerConnection::dispatch(const codec::Adu& request) {
  // The handler runs now, while the request's PDU view into the framer is valid; its reply
  // waits in the queue for the replies before it.
  Reply& reply = replies_.prepare();
  state_->handler.handle(request, reply);
  switch (reply.action) {
    case Reply::Action::kSend:
      replies_.push();
      break;
    case Reply::Action::kSilence:
      break;
    case Reply::Action::kClose:
      replies_.push();
      draining_ = true;
      break;
    case Reply::Action::kHang:
      state_->hung = true;
      break;
    case Reply::Action::kCrash:
      std::abort();
  }
}

void ServerConnection::send() {
  if (sending_ || replies_.empty() || !answering()) return;
  sending_ = true;
  const auto delay = replies_.front().delay;
  if (delay.count() <= 0) {
    write_front();
    return;
  }
  // A device that handles one request at a time: the delay runs once the replies before it
  // are out, and keeps no other connection waiting.
  delaying_ = true;
  reply_timer_.expires_after(delay);
  reply_timer_.async_wait([self = shared_from_this()](std::error_code error) {
    self->delaying_ = false;
    if (error || !self->answering()) return;
    self->touch();
    self->write_front();
  });
}

void ServerConnection::write_front() {
  const Reply& reply = replies_.front();
  const std::size_t size = std::min(reply.size, reply.bytes.size());
  if (size == 0) {
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->on_written({}); });
    return;
  }
  asio::async_write(socket_, asio::buffer(reply.bytes.data(), size),
                    asio::bind_allocator(
                        OperationAllocator<void>(write_memory_),
                        [self = shared_from_this()](std::error_code error, std::size_t /*sent*/) {
                          self->on_written(error);
                        }));
}

void ServerConnection::on_written(std::error_code error) {
  sending_ = false;
  if (closed_) return;
  if (error) {
    close();
    return;
  }
  touch();
  const bool close_after = replies_.front().action == Reply::Action::kClose;
  replies_.pop();
  if (close_after) {
    close();
    return;
  }
  // A slot is free: frames left waiting in the framer come first, then more reading.
  handle_frames();
  send();
  read();
  close_if_drained();
}

void ServerConnection::close_if_drained() {
  if (draining_ && answering() && !sending_ && replies_.empty()) close();
}

void ServerConnection::watch_idle(std::chrono::steady_clock::time_point deadline) {
  // One wait per timeout period, not one per request: activity only moves last_activity_.
  idle_timer_.expires_at(deadline);
  idle_timer_.async_wait(
      [self = shared_from_this()](std::error_code error) { self->on_idle_check(error); });
}

void ServerConnection::on_idle_check(std::error_code error) {
  // A hung server keeps its connections open: it no longer even times them out.
  if (error || closed_ || state_->hung) return;
  const auto now = std::chrono::steady_clock::now();
  const auto timeout = state_->options.idle_timeout;
  if (delaying_) {
    watch_idle(now + timeout);  // a deliberately slow answer is not idleness
    return;
  }
  const auto deadline = last_activity_ + timeout;
  if (now >= deadline) {
    close();
    return;
  }
  watch_idle(deadline);
}

}  // namespace mbh::transport
