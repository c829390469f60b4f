#pragma once
// One TCP connection as a capture shows it, rebuilt from what a client saw of it: the
// three-way handshake when it opened, a segment per chunk written or read, and the close as
// it happened. The kernel's own segmentation, retransmissions and delayed ACKs are not known
// and not made up; the sequence numbers count exactly the bytes each side sent, so a dissector
// reassembles the stream as it was.
//
// Rules, each so that Wireshark's TCP analysis finds nothing to flag:
// - Every segment after the SYN carries ACK, acknowledging all the other side sent so far; a
//   chunk carries PSH too, and goes in segments of kMaxSegmentPayload at most.
// - The window is 65535 bytes each way (unscaled). Before a segment that would fill it, the
//   receiver acknowledges what it holds in a bare ACK: a real receiver must have sent one, or
//   the sender could not have sent.
// - A close by the harness: its FIN, the device's FIN, the harness's ACK. A close by the
//   device: the device's FIN, then the harness's FIN (the client closes at once) and the
//   device's ACK. A reset: the device's RST alone.
// - Nothing after the close.
#include <cstdint>
#include <span>
#include <vector>

#include "harness/capture/tcp_segments.hpp"
#include "harness/client/frame_tap.hpp"

namespace mbh::capture {

struct Segment {
  SegmentHeader header;
  std::span<const std::byte> payload;  // a part of the chunk given: valid while it is
};

class TcpConversation {
 public:
  // `isn_seed` chooses both sides' initial sequence numbers: different seeds for different
  // connections, so that a port the system reuses reads as a new connection.
  TcpConversation(const client::ConnectionEnds& ends, std::uint64_t isn_seed);

  // Each appends the segments for the event to `out`; none appends any once closed.
  void open(std::vector<Segment>& out);
  void sent(std::span<const std::byte> bytes, std::vector<Segment>& out);
  void received(std::span<const std::byte> bytes, std::vector<Segment>& out);
  void close(client::ConnectionEnd how, std::vector<Segment>& out);

  bool closed() const { return closed_; }

 private:
  // One direction's state: where its next byte goes, and how much of it the other side has
  // not acknowledged yet.
  struct Side {
    client::IpEndpoint end;
    std::uint32_t next_seq = 0;
    std::uint32_t unacknowledged = 0;
  };

  void data(Side& from, Side& to, std::span<const std::byte> bytes, std::vector<Segment>& out);
  // A segment from `from` to `to` carrying `flags`, acknowledging all `to` sent.
  static void push(Side& from, Side& to, std::uint8_t flags, std::span<const std::byte> payload,
                   std::vector<Segment>& out);
  // The close `first` began: its FIN, the other's FIN, its ACK.
  static void finish(Side& first, Side& second, std::vector<Segment>& out);

  Side us_;
  Side device_;
  bool closed_ = false;
};

}  // namespace mbh::capture
