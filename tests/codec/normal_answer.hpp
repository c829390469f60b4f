#pragma once
// The response a device that obeys gives to a valid request: a read's count of values, the
// echo of a write. Where a read's data comes from is the caller's `source`:
//   source.byte(address, i)            the i-th byte of packed bits (FC 01, 02)
//   source.word(address, i)            the i-th register (FC 03, 04, 23)
//   source.identification(read_code)   the answer to a device identification request
// Shared by the codec's property tests (data made up from the address) and fuzz_structured
// (data from the fuzzer's bytes).
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <variant>

#include "harness/codec/pdu_types.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::codec::testing {

template <class Source>
Response normal_answer(const Request& request, Source& source) {
  const auto bits = [&source](auto response, std::uint16_t address, std::uint16_t quantity) {
    for (std::size_t i = 0; i < bit_bytes(quantity); ++i)
      response.bits.push_back(source.byte(address, i));
    return Response{response};
  };
  const auto registers = [&source](auto response, std::uint16_t address, std::uint16_t quantity) {
    for (std::size_t i = 0; i < quantity; ++i)
      response.values.push_back(source.word(address, i));
    return Response{response};
  };
  return std::visit(
      [&](const auto& q) -> Response {
        using Q = std::decay_t<decltype(q)>;
        if constexpr (std::is_same_v<Q, ReadCoilsRequest>) {
          return bits(ReadCoilsResponse{}, q.address, q.quantity);
        } else if constexpr (std::is_same_v<Q, ReadDiscreteInputsRequest>) {
          return bits(ReadDiscreteInputsResponse{}, q.address, q.quantity);
        } else if constexpr (std::is_same_v<Q, ReadHoldingRegistersRequest>) {
          return registers(ReadHoldingRegistersResponse{}, q.address, q.quantity);
        } else if constexpr (std::is_same_v<Q, ReadInputRegistersRequest>) {
          return registers(ReadInputRegistersResponse{}, q.address, q.quantity);
        } else if constexpr (std::is_same_v<Q, ReadWriteMultipleRegistersRequest>) {
          return registers(ReadWriteMultipleRegistersResponse{}, q.read_address, q.read_quantity);
        } else if constexpr (std::is_same_v<Q, WriteSingleCoilRequest>) {
          return WriteSingleCoilResponse{q.address, q.value};
        } else if constexpr (std::is_same_v<Q, WriteSingleRegisterRequest>) {
          return WriteSingleRegisterResponse{q.address, q.value};
        } else if constexpr (std::is_same_v<Q, WriteMultipleCoilsRequest>) {
          return WriteMultipleCoilsResponse{q.address, q.quantity};
        } else if constexpr (std::is_same_v<Q, WriteMultipleRegistersRequest>) {
          return WriteMultipleRegistersResponse{q.address,
                                                static_cast<std::uint16_t>(q.values.size())};
        } else if constexpr (std::is_same_v<Q, MaskWriteRegisterRequest>) {
          return MaskWriteRegisterResponse{q.address, q.and_mask, q.or_mask};
        } else {
          return source.identification(q.read_code);
        }
      },
      request);
}

}  // namespace mbh::codec::testing
