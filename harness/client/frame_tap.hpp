#pragma once
// What a client tells an observer about its traffic: each connection as it opened (the ends
// the socket really had), every chunk of bytes as it was written and as it was read (partial
// frames and garbage included, before anything judges them), and how each connection ended.
// A packet capture (harness/capture) is one such observer; the client knows nothing of pcap,
// and a client without a tap pays one null test per event.
//
// Calls come in the order things happened on the socket, from the thread that runs the
// client. One tap may serve several clients (conform's run and restore connections): each
// connection gets an id of the tap's own from opened().
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

namespace mbh::client {

// Wall-clock time: a capture's timestamps are dates, read against a device's own logs.
using TapClock = std::chrono::system_clock;

struct IpEndpoint {
  std::array<std::byte, 16> address{};  // network order; an IPv4 address in the first 4 bytes
  bool ipv6 = false;
  std::uint16_t port = 0;

  std::span<const std::byte> address_bytes() const {
    return std::span<const std::byte>(address).first(ipv6 ? 16 : 4);
  }
};

struct ConnectionEnds {
  IpEndpoint local;   // this end, the harness
  IpEndpoint remote;  // the device
};

enum class ConnectionEnd : std::uint8_t {
  kClosedByUs,    // the harness closed it (its choice, a timeout, a malformed answer, the end)
  kClosedByPeer,  // the device closed it (end of stream: its FIN)
  kResetByPeer,   // the device reset it (RST), or the stream broke under a write
  kResetByUs,     // the harness reset it (ClientOptions::reset_on_close)
};

using TapConnectionId = std::uint64_t;

class FrameTap {
 public:
  virtual ~FrameTap() = default;

  // A connection was established; the id names it in the calls that follow.
  virtual TapConnectionId opened(const ConnectionEnds& ends, TapClock::time_point at) = 0;
  // Bytes the socket took (only those: a write cut short reports its part).
  virtual void sent(TapConnectionId connection, std::span<const std::byte> bytes,
                    TapClock::time_point at) = 0;
  // Bytes one read returned.
  virtual void received(TapConnectionId connection, std::span<const std::byte> bytes,
                        TapClock::time_point at) = 0;
  // The connection is gone; nothing more comes for its id.
  virtual void closed(TapConnectionId connection, ConnectionEnd how, TapClock::time_point at) = 0;

 protected:
  FrameTap() = default;
  FrameTap(const FrameTap&) = default;
  FrameTap& operator=(const FrameTap&) = default;
};

}  // namespace mbh::client
