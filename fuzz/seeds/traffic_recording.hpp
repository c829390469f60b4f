#pragma once
// One recording of simulator traffic: requests sent to a fresh Simulator (seed 1, all three
// devices), written down both as fuzz_simulator's input (the request stream) and as
// fuzz_client's (a script of each request and the device's reply, cut into segments, or bent
// as a hostile device bends it).
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "harness/codec/pdu_types.hpp"
#include "harness/simulator/simulator.hpp"

namespace mbh::fuzz::seeds {

// How the client script delivers a reply.
enum class Delivery : std::uint8_t {
  kWhole,      // in two segments, cut at a point that moves with the transaction id
  kLate,       // not now: the request times out, and the reply comes just before the next one
  kWrongId,    // with the transaction id plus one
  kCut,        // all but its last two bytes, then silence: incomplete at the deadline
  kClosed,     // its first half, then the device closes the connection
  kMalformed,  // with protocol id 1: the stream cannot be framed
};

class Recording {
 public:
  // `reads`: the sizes of the reads that deliver fuzz_simulator's stream (0: all that fits).
  explicit Recording(std::array<std::uint8_t, 2> reads);

  // Sends one request PDU (well formed or not) to `unit` and records both sides; the reply
  // decoded against the request, when both decode.
  std::optional<codec::Response> send(std::uint8_t unit, std::span<const std::byte> pdu,
                                      Delivery delivery = Delivery::kWhole);
  std::optional<codec::Response> send(std::uint8_t unit, const codec::Request& request,
                                      Delivery delivery = Delivery::kWhole);

  std::size_t requests() const { return static_cast<std::size_t>(next_id_ - 1); }
  const std::vector<std::byte>& simulator_input() const { return simulator_input_; }
  const std::vector<std::byte>& client_input() const { return client_input_; }

 private:
  void append_segments(std::span<const std::byte> bytes, std::size_t cut);

  std::unique_ptr<simulator::Simulator> simulator_;
  std::vector<std::byte> simulator_input_;
  std::vector<std::byte> client_input_;
  std::vector<std::byte> held_back_;  // a late reply, delivered before the next one
  std::uint16_t next_id_ = 1;         // fuzz_client numbers requests from 1 up, as the client
};

using NamedRecording = std::pair<std::string, Recording>;

// Every scenario of every map, named after the map: "conext-bms-blocks-1", ...
std::vector<NamedRecording> record_all();

}  // namespace mbh::fuzz::seeds
