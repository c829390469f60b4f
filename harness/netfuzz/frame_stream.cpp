#include "harness/netfuzz/frame_stream.hpp"

#include <optional>
#include <variant>

#include "harness/codec/adu_framer.hpp"
#include "harness/codec/request_codec.hpp"

namespace mbh::netfuzz {
namespace {

constexpr std::uint8_t kDiagnostics = 0x08;
constexpr unsigned kRestartCommunications = 0x0001;
constexpr unsigned kForceListenOnly = 0x0004;

std::optional<WriteReach> reach_of(const codec::Request& request, std::uint8_t unit) {
  if (const auto* r = std::get_if<codec::WriteSingleCoilRequest>(&request)) {
    return WriteReach{unit, true, r->address, 1};
  }
  if (const auto* r = std::get_if<codec::WriteSingleRegisterRequest>(&request)) {
    return WriteReach{unit, false, r->address, 1};
  }
  if (const auto* r = std::get_if<codec::WriteMultipleCoilsRequest>(&request)) {
    return WriteReach{unit, true, r->address, r->quantity};
  }
  if (const auto* r = std::get_if<codec::WriteMultipleRegistersRequest>(&request)) {
    return WriteReach{unit, false, r->address, static_cast<std::uint32_t>(r->values.size())};
  }
  if (const auto* r = std::get_if<codec::MaskWriteRegisterRequest>(&request)) {
    return WriteReach{unit, false, r->address, 1};
  }
  if (const auto* r = std::get_if<codec::ReadWriteMultipleRegistersRequest>(&request)) {
    return WriteReach{unit, false, r->write_address, static_cast<std::uint32_t>(r->values.size())};
  }
  return std::nullopt;
}

}  // namespace

bool is_destructive_diagnostic(std::span<const std::byte> pdu) {
  if (pdu.size() < 3 || std::to_integer<std::uint8_t>(pdu[0]) != kDiagnostics) return false;
  const unsigned sub = std::to_integer<unsigned>(pdu[1]) * 256U + std::to_integer<unsigned>(pdu[2]);
  return sub == kRestartCommunications || sub == kForceListenOnly;
}

StreamShape shape_of(std::span<const std::byte> bytes) {
  StreamShape shape;
  std::span<const std::byte> rest = bytes;
  while (!rest.empty()) {
    const auto framed = codec::frame_adu(rest);
    const auto* adu = std::get_if<codec::FramedAdu>(&framed);
    if (adu == nullptr) {  // a framing error or a partial frame: not whole
      shape.ends_partial = std::holds_alternative<codec::NeedMore>(framed);
      return shape;
    }
    ++shape.frames;
    if (is_destructive_diagnostic(adu->adu.pdu)) shape.destructive_diagnostic = true;
    const auto request = codec::decode_request(adu->adu.pdu);
    if (request) {
      if (auto reach = reach_of(request.value(), adu->adu.header.unit_id)) {
        shape.carries_valid_write = true;
        shape.writes.push_back(*reach);
      }
    }
    rest = rest.subspan(adu->size);
  }
  shape.whole_frames = shape.frames > 0;
  return shape;
}

}  // namespace mbh::netfuzz
