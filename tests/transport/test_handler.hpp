#pragma once
// The server tests' FrameHandler: answers FC 03 with registers whose values are their
// addresses, and at chosen start addresses delays, goes silent, closes, hangs or answers
// with a size-0 reply. Configured before the server runs; counts on the I/O thread.
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>

#include "harness/codec/mbap_header.hpp"
#include "harness/transport/frame_handler.hpp"

namespace mbh::transport::testing {

struct Behaviour {
  Reply::Action action = Reply::Action::kSend;
  std::chrono::milliseconds delay{0};
  bool empty = false;  // send no bytes (kSend or kClose)
};

class TestHandler final : public FrameHandler {
 public:
  std::map<std::uint16_t, Behaviour> behaviours;  // by the request's start address
  std::atomic<int> handled{0};

  void handle(const codec::Adu& request, Reply& reply) override {
    ++handled;
    const auto& pdu = request.pdu;
    std::uint16_t address = 0;
    std::uint16_t quantity = 0;
    const bool read = pdu.size() == 5 && pdu[0] == std::byte{0x03};
    if (read) {
      address = static_cast<std::uint16_t>(byte_at(pdu, 1) << 8 | byte_at(pdu, 2));
      quantity = static_cast<std::uint16_t>(byte_at(pdu, 3) << 8 | byte_at(pdu, 4));
    }
    Behaviour behaviour;
    if (const auto found = behaviours.find(address); read && found != behaviours.end()) {
      behaviour = found->second;
    }
    reply.action = behaviour.action;
    reply.delay = behaviour.delay;
    if (behaviour.empty) return;

    // Header with the request's transaction and unit, then 03, byte count, values; an
    // exception 01 for anything but a sane FC 03.
    auto out = reply.buffer();
    std::size_t at = codec::kMbapSize;
    if (read && quantity >= 1 && quantity <= codec::kMaxReadRegisters) {
      out[at++] = std::byte{0x03};
      out[at++] = static_cast<std::byte>(2 * quantity);
      for (std::uint16_t i = 0; i < quantity; ++i) {
        const auto value = static_cast<std::uint16_t>(address + i);
        out[at++] = static_cast<std::byte>(value >> 8);
        out[at++] = static_cast<std::byte>(value & 0xFF);
      }
    } else {
      out[at++] = pdu.empty() ? std::byte{0x80} : (pdu[0] | std::byte{0x80});
      out[at++] = std::byte{0x01};
    }
    codec::MbapHeader header = request.header;
    header.length = static_cast<std::uint16_t>(at - codec::kMbapSize + 1);
    codec::encode_mbap(header, out.first<codec::kMbapSize>());
    reply.size = at;
  }

 private:
  static unsigned byte_at(std::span<const std::byte> pdu, std::size_t at) {
    return std::to_integer<unsigned>(pdu[at]);
  }
};

}  // namespace mbh::transport::testing
