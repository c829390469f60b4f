#pragma once
// A FrameTap that writes a classic pcap file (link type raw IP: IPv4 and IPv6 alike) as the
// client goes: each connection's handshake, a TCP segment per chunk sent or received, its
// close (tcp_conversation.hpp), with the times the client saw them. Wireshark's Modbus/TCP
// dissector decodes it (`-d tcp.port==PORT,mbtcp` on a port other than 502).
//
// The file is flushed after every event, so a run killed at any point leaves a readable
// capture of everything before it. A write that fails (a full disk) stops the capture, never
// the run: failure() says why, and the file holds what came before.
// Thread-safe: several clients, in one thread or several, may share one capture.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/capture/tcp_conversation.hpp"
#include "harness/client/frame_tap.hpp"
#include "harness/codec/result.hpp"

namespace mbh::capture {

class PcapCapture final : public client::FrameTap {
 public:
  // Creates (or empties) the file at `path` and writes the pcap header; the error is one
  // sentence saying why it cannot ("cannot write 'x.pcap': No such file or directory").
  static Result<std::unique_ptr<PcapCapture>, std::string> open(const std::string& path);

  ~PcapCapture() override;
  PcapCapture(const PcapCapture&) = delete;
  PcapCapture& operator=(const PcapCapture&) = delete;

  client::TapConnectionId opened(const client::ConnectionEnds& ends,
                                 client::TapClock::time_point at) override;
  void sent(client::TapConnectionId connection, std::span<const std::byte> bytes,
            client::TapClock::time_point at) override;
  void received(client::TapConnectionId connection, std::span<const std::byte> bytes,
                client::TapClock::time_point at) override;
  void closed(client::TapConnectionId connection, client::ConnectionEnd how,
              client::TapClock::time_point at) override;

  // Why writing stopped, or nothing while every packet went to the file.
  std::optional<std::string> failure() const;
  std::uint64_t packets() const;  // written to the file so far

 private:
  struct File;  // the libpcap handles, kept out of this header
  PcapCapture(std::string path, std::unique_ptr<File> file);

  // Runs `event(conversation, segments)` on an open connection's conversation and writes the
  // segments it gives; an id not open is ignored.
  template <class Event>
  void on(client::TapConnectionId connection, client::TapClock::time_point at, Event event);
  // Writes the segments the conversation gave (all stamped `at`) and flushes.
  void write(const std::vector<Segment>& segments, client::TapClock::time_point at);

  mutable std::mutex mutex_;
  std::string path_;
  std::unique_ptr<File> file_;
  std::map<client::TapConnectionId, TcpConversation> connections_;  // open ones
  client::TapConnectionId next_id_ = 1;
  std::vector<Segment> segments_;  // reused for each event
  std::uint64_t packets_ = 0;
  std::optional<std::string> failure_;
};

}  // namespace mbh::capture
