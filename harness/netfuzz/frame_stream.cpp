#include "harness/netfuzz/frame_stream.hpp"

#include <variant>

#include "harness/codec/adu_framer.hpp"
#include "harness/codec/request_codec.hpp"

namespace mbh::netfuzz {
namespace {

bool is_write(const codec::Request& request) {
  return std::holds_alternative<codec::WriteSingleCoilRequest>(request) ||
         std::holds_alternative<codec::WriteSingleRegisterRequest>(request) ||
         std::holds_alternative<codec::WriteMultipleCoilsRequest>(request) ||
         std::holds_alternative<codec::WriteMultipleRegistersRequest>(request) ||
         std::holds_alternative<codec::MaskWriteRegisterRequest>(request) ||
         std::holds_alternative<codec::ReadWriteMultipleRegistersRequest>(request);
}

}  // namespace

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
    const auto request = codec::decode_request(adu->adu.pdu);
    if (request && is_write(request.value())) shape.carries_valid_write = true;
    rest = rest.subspan(adu->size);
  }
  shape.whole_frames = shape.frames > 0;
  return shape;
}

}  // namespace mbh::netfuzz
