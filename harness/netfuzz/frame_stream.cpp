#include "harness/netfuzz/frame_stream.hpp"

#include <optional>
#include <variant>

#include "harness/codec/adu_framer.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/netfuzz/function_requests.hpp"

namespace mbh::netfuzz {
namespace {

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

constexpr std::size_t kHeader = 7;  // MBAP with the unit id

std::size_t meta_size(std::uint8_t function) {
  if (function <= 0x06) return 4;
  if (function == 0x0F || function == 0x10) return 5;
  if (function == 0x16) return 6;
  if (function == 0x17) return 9;
  return 0;
}

}  // namespace

std::optional<std::size_t> function_framed_size(std::span<const std::byte> bytes) {
  if (bytes.size() < kHeader + 1) return std::nullopt;
  const auto function = std::to_integer<std::uint8_t>(bytes[kHeader]);
  const std::size_t meta = meta_size(function);
  std::size_t size = kHeader + 1 + meta;
  if (function == 0x0F || function == 0x10 || function == 0x17) {
    // The byte count is the last field before the data.
    if (bytes.size() < size) return std::nullopt;
    size += std::to_integer<std::size_t>(bytes[size - 1]);
  }
  if (bytes.size() < size) return std::nullopt;
  return size;
}

bool is_file_record_write(std::span<const std::byte> pdu) {
  constexpr std::size_t kSubRequestHeader = 7;  // reference type, file, record, length
  if (pdu.size() < 2 || std::to_integer<std::uint8_t>(pdu[0]) != kWriteFileRecord) return false;
  const auto count = std::to_integer<std::size_t>(pdu[1]);
  if (count < kSubRequestHeader || count > 0xF5 || count != pdu.size() - 2) return false;
  const auto word = [&](std::size_t at) {
    return std::to_integer<std::size_t>(pdu[at]) * 256U + std::to_integer<std::size_t>(pdu[at + 1]);
  };
  for (std::size_t at = 2; at < pdu.size();) {
    if (pdu.size() - at < kSubRequestHeader || std::to_integer<unsigned>(pdu[at]) != 6 ||
        word(at + 3) > 9999) {
      return false;
    }
    at += kSubRequestHeader + 2 * word(at + 5);
    if (at > pdu.size()) return false;
  }
  return true;
}

bool is_destructive_diagnostic(std::span<const std::byte> pdu) {
  if (pdu.size() < 3 || std::to_integer<std::uint8_t>(pdu[0]) != kDiagnostics) return false;
  const unsigned sub = std::to_integer<unsigned>(pdu[1]) * 256U + std::to_integer<unsigned>(pdu[2]);
  return sub == kRestartCommunications || sub == kForceListenOnly;
}

StreamShape shape_of(std::span<const std::byte> bytes) {
  StreamShape shape;
  for (std::span<const std::byte> rest = bytes; !rest.empty();) {
    const auto size = function_framed_size(rest);
    if (!size) {
      shape.function_framer_waits = true;
      break;
    }
    rest = rest.subspan(*size);
  }
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
    if (is_file_record_write(adu->adu.pdu)) {
      shape.file_record_write = true;
      shape.carries_valid_write = true;
    }
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
