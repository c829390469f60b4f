#include "harness/exchange/frame_json.hpp"

#include <boost/pfr.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/exchange/frame_hex.hpp"

namespace mbh::exchange {
namespace {

using json = nlohmann::ordered_json;

json function_json(std::uint8_t byte) {
  const std::uint8_t function = plain_function(byte);
  return {{"code", function}, {"name", codec::function_name(function)}};
}

json error_json(const FrameError& error, std::size_t pdu_offset) {
  json out = {{"id", codec::identifier(error.error.code)},
              {"message", codec::message(error.error.code)},
              {"offset", error.error.offset}};
  if (pdu_offset != 0 && error.error.offset >= pdu_offset) {
    out["pdu_offset"] = error.error.offset - pdu_offset;
  }
  out["stage"] = stage_id(error.stage);
  out["detail"] = error.detail;
  return out;
}

json json_field(std::uint16_t value, const ItemLayout&) {
  return value;
}
json json_field(std::uint8_t value, const ItemLayout&) {
  return value;
}
json json_field(codec::ExceptionCode code, const ItemLayout&) {
  return codec::to_byte(code);
}

template <std::size_t N>
json json_field(const codec::RegisterValues<N>& values, const ItemLayout&) {
  return json(std::vector<std::uint16_t>(values.begin(), values.end()));
}

template <std::size_t N>
json json_field(const codec::PackedBits<N>& bits, const ItemLayout& layout) {
  const std::size_t total = 8 * bits.size();
  const std::size_t data = layout.bit_count ? std::min(*layout.bit_count, total) : total;
  json values = json::array();
  json padding = json::array();
  for (std::size_t i = 0; i < total; ++i) {
    const unsigned on = (bits[i / 8] >> (i % 8)) & 1U;
    (i < data ? values : padding).push_back(on);
  }
  json out = {{"bytes", std::vector<std::uint8_t>(bits.begin(), bits.end())}, {"values", values}};
  // Without the quantity, which bits pad the last byte is unknown: say so with null.
  out["padding"] = layout.bit_count ? padding : json(nullptr);
  return out;
}

json json_field(const codec::DeviceObjects& objects, const ItemLayout&) {
  json out = json::array();
  for (codec::DeviceObject object : objects) {
    out.push_back({{"id", object.id},
                   {"name", object_name(object.id)},
                   {"value", printable(object.value)},
                   {"hex", hex_spaced(std::as_bytes(object.value))}});
  }
  return out;
}

template <class T>
json fields_json(const T& message, const ItemLayout& layout) {
  json out = json::object();
  boost::pfr::for_each_field(message, [&](const auto& field, std::size_t i) {
    out[std::string(T::kFields[i])] = json_field(field, layout);
  });
  return out;
}

// function, type and fields of a request or response.
json message_json(const Message& message, const ItemLayout& layout) {
  json out;
  out["function"] = function_json(message_function(message));
  out["type"] = type_name(message);
  std::visit(
      [&](const auto& m) {
        std::visit([&](const auto& r) { out["fields"] = fields_json(r, layout); }, m);
      },
      message);
  if (message_function(message) ==
      static_cast<std::uint8_t>(codec::FunctionCode::kEncapsulatedInterface)) {
    json fields = {{"mei_type", codec::kMeiReadDeviceId}};
    fields.update(out["fields"]);
    out["fields"] = std::move(fields);
  }
  return out;
}

json mbap_json(const codec::MbapHeader& header) {
  json out;
  boost::pfr::for_each_field(header, [&out](const auto& field, std::size_t i) {
    out[std::string(codec::MbapHeader::kFields[i])] = field;
  });
  return out;
}

json answers_json(const ReferenceRequest& answers) {
  json out = message_json(answers.request, layout_of(answers.request));
  if (answers.mbap) out["mbap"] = mbap_json(*answers.mbap);
  return out;
}
}  // namespace

json render_json(const DecodedFrame& frame) {
  json out;
  out["valid"] = true;
  out["kind"] = kind_of(frame.message);
  out["frame"] = hex_spaced(frame.bytes);
  if (frame.mbap) out["mbap"] = mbap_json(*frame.mbap);
  out.update(message_json(
      frame.message, layout_of(frame.message, frame.answers ? &frame.answers->request : nullptr)));
  if (const auto* response = std::get_if<codec::Response>(&frame.message)) {
    if (const auto* e = std::get_if<codec::ExceptionResponse>(response)) {
      out["exception"] = {{"code", codec::to_byte(e->code)}, {"name", codec::name(e->code)}};
    }
  }
  if (frame.answers) out["answers"] = answers_json(*frame.answers);
  if (frame.also_response) {
    const Message response = *frame.also_response;
    out["also_response"] = message_json(response, layout_of(response, nullptr));
  }
  out["notes"] = notes(frame);
  return out;
}
json render_json(const MalformedFrame& frame) {
  const std::size_t pdu_offset = exchange::pdu_offset(frame);
  json out;
  out["valid"] = false;
  const Bytes pdu(
      std::span<const std::byte>(frame.bytes).subspan(std::min(pdu_offset, frame.bytes.size())));
  const auto first = pdu.u8(0);
  switch (frame.error.stage) {
    case Stage::kFraming:
      out["kind"] = nullptr;
      break;
    case Stage::kRequest:
      out["kind"] = "request";
      break;
    default:
      out["kind"] = first && (*first & codec::kExceptionFlag) != 0 ? "exception" : "response";
      break;
  }
  out["frame"] = hex_spaced(frame.bytes);
  if (frame.mbap) out["mbap"] = mbap_json(*frame.mbap);
  if (first && frame.error.stage != Stage::kFraming) {
    out["function"] = function_json(static_cast<std::uint8_t>(*first));
  }
  out["error"] = error_json(frame.error, pdu_offset);
  if (frame.alternative) out["error"]["alternative"] = error_json(*frame.alternative, pdu_offset);
  if (frame.answers) out["answers"] = answers_json(*frame.answers);
  return out;
}

json render_json(const FrameReading& frame) {
  return std::visit([](const auto& f) { return render_json(f); }, frame);
}

}  // namespace mbh::exchange
