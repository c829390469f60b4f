#include "traffic_recording.hpp"

#include <algorithm>

#include "fuzz/client_script.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::fuzz::seeds {
namespace {

std::byte tag(ScriptKind kind) {
  return std::byte{static_cast<std::uint8_t>(kind)};
}

}  // namespace

Recording::Recording(std::array<std::uint8_t, 2> reads)
    : simulator_(std::make_unique<simulator::Simulator>(simulator::SimulatorOptions{{}, {}, 1})) {
  // fuzz_simulator's raw mode: mode 0, seed 1, the two read sizes.
  simulator_input_ = {std::byte{0}, std::byte{1}, std::byte{reads[0]}, std::byte{reads[1]}};
}

void Recording::append_segments(std::span<const std::byte> bytes, std::size_t cut) {
  for (const auto part : {bytes.first(cut), bytes.subspan(cut)}) {
    for (std::size_t at = 0; at < part.size(); at += kLongestSegment) {
      const auto segment = part.subspan(at, std::min(kLongestSegment, part.size() - at));
      client_input_.push_back(tag(ScriptKind::kSegment));
      client_input_.push_back(std::byte{static_cast<std::uint8_t>(segment.size() - 1)});
      client_input_.insert(client_input_.end(), segment.begin(), segment.end());
    }
  }
}

std::optional<codec::Response> Recording::send(std::uint8_t unit, std::span<const std::byte> pdu,
                                               Delivery delivery) {
  const std::uint16_t id = next_id_++;
  const codec::MbapHeader header{id, 0, static_cast<std::uint16_t>(pdu.size() + 1), unit};
  std::array<std::byte, codec::kMbapSize> header_bytes{};
  codec::encode_mbap(header, header_bytes);
  simulator_input_.insert(simulator_input_.end(), header_bytes.begin(), header_bytes.end());
  simulator_input_.insert(simulator_input_.end(), pdu.begin(), pdu.end());

  auto reply = std::make_unique<transport::Reply>();
  simulator_->handle(codec::Adu{header, pdu}, *reply);
  std::vector<std::byte> frame(reply->frame().begin(), reply->frame().end());

  client_input_.push_back(tag(ScriptKind::kRequest));
  client_input_.push_back(std::byte{unit});
  client_input_.push_back(std::byte{static_cast<std::uint8_t>(pdu.size())});
  client_input_.insert(client_input_.end(), pdu.begin(), pdu.end());
  if (!held_back_.empty()) {
    append_segments(held_back_, held_back_.size());
    held_back_.clear();
  }
  const std::size_t half = frame.size() / 2;
  switch (delivery) {
    case Delivery::kWhole:
      append_segments(frame, 1 + (std::size_t{id} * 37) % frame.size());
      break;
    case Delivery::kLate:
      client_input_.push_back(tag(ScriptKind::kSilence));
      held_back_ = frame;
      break;
    case Delivery::kWrongId: {
      auto bent = frame;
      const auto head = std::span(bent).first<codec::kMbapSize>();
      codec::MbapHeader wrong = codec::decode_mbap(head);
      ++wrong.transaction_id;
      codec::encode_mbap(wrong, head);
      append_segments(bent, bent.size());
      break;
    }
    case Delivery::kCut:  // past its header, short of its end
      append_segments(std::span(frame).first(frame.size() - 2), frame.size() - 2);
      client_input_.push_back(tag(ScriptKind::kSilence));
      break;
    case Delivery::kClosed:
      append_segments(std::span(frame).first(half), half);
      client_input_.push_back(tag(ScriptKind::kClose));
      break;
    case Delivery::kMalformed: {
      auto bent = frame;
      bent[3] = std::byte{1};  // protocol id 1
      append_segments(bent, bent.size());
      break;
    }
  }

  const auto request = codec::decode_request(pdu);
  const auto adu = codec::decode_adu(frame);
  if (!request || !adu) return std::nullopt;
  auto response = codec::decode_response(adu.value().pdu, request.value());
  if (!response) return std::nullopt;
  return std::move(response).value();
}

std::optional<codec::Response> Recording::send(std::uint8_t unit, const codec::Request& request,
                                               Delivery delivery) {
  std::array<std::byte, codec::kMaxPduSize> pdu{};
  const auto size = codec::encode_request(request, pdu);
  return send(unit, std::span<const std::byte>(pdu.data(), size.value()), delivery);
}

}  // namespace mbh::fuzz::seeds
