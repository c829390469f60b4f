#include "harness/capture/tcp_conversation.hpp"

#include <algorithm>

namespace mbh::capture {
namespace {

// The receive window each side advertises, unscaled.
constexpr std::uint32_t kWindow = 0xFFFF;

// Knuth's multiplicative hash: initial sequence numbers spread over the whole range.
std::uint32_t initial_sequence(std::uint64_t seed) {
  return static_cast<std::uint32_t>((seed * 2654435761U) & 0xFFFF'FFFFU);
}

}  // namespace

TcpConversation::TcpConversation(const client::ConnectionEnds& ends, std::uint64_t isn_seed)
    : us_{ends.local, initial_sequence(2 * isn_seed), 0},
      device_{ends.remote, initial_sequence(2 * isn_seed + 1), 0} {}

void TcpConversation::push(Side& from, Side& to, std::uint8_t flags,
                           std::span<const std::byte> payload, std::vector<Segment>& out) {
  out.push_back(Segment{
      {from.end, to.end, from.next_seq, to.next_seq, flags, static_cast<std::uint16_t>(kWindow)},
      payload});
  from.next_seq += static_cast<std::uint32_t>(payload.size());
  // SYN and FIN take a sequence number each.
  if ((flags & (kSyn | kFin)) != 0) ++from.next_seq;
  from.unacknowledged += static_cast<std::uint32_t>(payload.size());
  if ((flags & kAck) != 0) to.unacknowledged = 0;
}

void TcpConversation::finish(Side& first, Side& second, std::vector<Segment>& out) {
  push(first, second, kFin | kAck, {}, out);
  push(second, first, kFin | kAck, {}, out);
  push(first, second, kAck, {}, out);
}

void TcpConversation::open(std::vector<Segment>& out) {
  if (closed_) return;
  push(us_, device_, kSyn, {}, out);
  out.back().header.ack = 0;  // a SYN acknowledges nothing
  push(device_, us_, kSyn | kAck, {}, out);
  push(us_, device_, kAck, {}, out);
}

void TcpConversation::data(Side& from, Side& to, std::span<const std::byte> bytes,
                           std::vector<Segment>& out) {
  if (closed_) return;
  while (!bytes.empty()) {
    const auto part = bytes.first(std::min(bytes.size(), kMaxSegmentPayload));
    if (from.unacknowledged + part.size() >= kWindow) push(to, from, kAck, {}, out);
    push(from, to, kPsh | kAck, part, out);
    bytes = bytes.subspan(part.size());
  }
}

void TcpConversation::sent(std::span<const std::byte> bytes, std::vector<Segment>& out) {
  data(us_, device_, bytes, out);
}

void TcpConversation::received(std::span<const std::byte> bytes, std::vector<Segment>& out) {
  data(device_, us_, bytes, out);
}

void TcpConversation::close(client::ConnectionEnd how, std::vector<Segment>& out) {
  if (closed_) return;
  closed_ = true;
  switch (how) {
    case client::ConnectionEnd::kClosedByUs:
      finish(us_, device_, out);
      return;
    case client::ConnectionEnd::kClosedByPeer:
      finish(device_, us_, out);
      return;
    case client::ConnectionEnd::kResetByPeer:
      push(device_, us_, kRst | kAck, {}, out);
      return;
    case client::ConnectionEnd::kResetByUs:
      push(us_, device_, kRst | kAck, {}, out);
      return;
  }
}

}  // namespace mbh::capture
