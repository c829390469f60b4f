#include "harness/simulator/request_answerer.hpp"

#include <algorithm>
#include <array>
#include <type_traits>
#include <variant>

#include "harness/codec/byte_io.hpp"
#include "harness/codec/codec_error.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "models/address_range.hpp"
#include "models/map_catalog.hpp"
#include "models/oracle.hpp"  // implements(): the oracle's word on which functions a map has

namespace mbh::simulator {
namespace {

using codec::ExceptionCode;
using codec::Response;
using models::RegisterRow;
using models::Space;

Response exception(std::uint8_t function, ExceptionCode code) {
  return codec::ExceptionResponse{function, code};
}

// A read response of `function` (03 or 04) carrying `values`.
Response read_response(std::uint8_t function, std::span<const std::uint16_t> values) {
  const codec::RegisterValues<codec::kMaxReadRegisters> registers(values);
  if (function == codec::to_byte(codec::FunctionCode::kReadInputRegisters)) {
    return codec::ReadInputRegistersResponse{registers};
  }
  return codec::ReadHoldingRegistersResponse{registers};
}

// The registers [first, first + count) as a read of `function` returns them.
Response registers(const Device& device, std::uint8_t function, Space space, std::uint16_t first,
                   std::size_t count) {
  std::array<std::uint16_t, codec::kMaxReadRegisters> words{};
  const auto values = std::span(words).first(std::min(count, words.size()));
  device.read(space, first, values);
  return read_response(function, values);
}

Response zeros(std::uint8_t function, std::size_t count) {
  const std::array<std::uint16_t, codec::kMaxReadRegisters> words{};
  return read_response(function, std::span(words).first(std::min(count, words.size())));
}

// R-GAP, R-PARTIAL-32, R-BOUNDARY, R-PARTIAL-OTHER: exception 02 for a range that touches a gap,
// splits a value or crosses a BMS block boundary; none for a clean range. The faults that serve
// such ranges anyway are the caller's, told apart by `range`.
std::optional<ExceptionCode> address_error(const models::RangeAnalysis& range,
                                           const ActiveFaults& faults) {
  if (range.gap) {
    return faults.gap_zeros ? std::nullopt : std::optional(ExceptionCode::kIllegalDataAddress);
  }
  if (range.split_32) {
    return faults.partial_32_data ? std::nullopt
                                  : std::optional(ExceptionCode::kIllegalDataAddress);
  }
  if (range.crossed_from) {
    return faults.boundary_04 ? ExceptionCode::kServerDeviceFailure
                              : ExceptionCode::kIllegalDataAddress;
  }
  if (range.split_other) {
    return faults.partial_other_04 ? ExceptionCode::kServerDeviceFailure
                                   : ExceptionCode::kIllegalDataAddress;
  }
  return std::nullopt;
}

Response read(const Device& device, std::uint8_t function, Space space, std::uint16_t first,
              std::uint16_t quantity, const ActiveFaults& faults) {
  const auto range = models::analyse_range(device.map(), space, first, quantity);
  if (auto error = address_error(range, faults)) return exception(function, *error);
  if (range.gap) return zeros(function, quantity);  // gap-zeros
  std::size_t count = quantity;
  if (faults.short_read && range.clean()) count = quantity == 1 ? 2 : quantity - 1U;
  return registers(device, function, space, first, count);
}

bool listed(const RegisterRow& row, std::uint16_t value) {
  return std::ranges::any_of(row.enums,
                             [value](const models::EnumEntry& e) { return e.value == value; });
}

// Read-only rows (02) and values outside a single-register row's listed ones (03), in that
// order, over a write that lies on rows.
std::optional<ExceptionCode> value_error(const models::RegisterMap& map, std::uint16_t first,
                                         std::span<const std::uint16_t> values,
                                         const ActiveFaults& faults) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const RegisterRow* row =
        models::row_at(map, Space::kHolding, static_cast<std::uint16_t>(first + i));
    if (row != nullptr && row->access == models::Access::kRead && !faults.readonly_write_stored) {
      return ExceptionCode::kIllegalDataAddress;
    }
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const RegisterRow* row =
        models::row_at(map, Space::kHolding, static_cast<std::uint16_t>(first + i));
    // Modbus lets a device store an unlisted value; a clean simulator refuses it (RULES.md
    // R-ENUM allows either) so that its registers stay valid.
    if (row != nullptr && row->type.register_count() == 1 && !row->enums.empty() &&
        !listed(*row, values[i])) {
      return ExceptionCode::kIllegalDataValue;
    }
  }
  return std::nullopt;
}

Response write(Device& device, std::uint8_t function, std::uint16_t first,
               std::span<const std::uint16_t> values, const Response& echo,
               const ActiveFaults& faults) {
  const auto range = models::analyse_range(device.map(), Space::kHolding, first,
                                           static_cast<std::uint32_t>(values.size()));
  if (auto error = address_error(range, faults)) return exception(function, *error);
  if (range.gap) return echo;  // gap-zeros: echoed, dropped
  if (auto error = value_error(device.map(), first, values, faults)) {
    return exception(function, *error);
  }
  if (faults.write_not_stored) return echo;
  if (auto refused = device.write(first, values)) return exception(function, *refused);
  return echo;
}

// quantity-accepted: a read or write-multiple the codec refused for its quantity or byte count,
// served as far as the PDU allows.
std::optional<Response> accept_bad_quantity(const Device& device, std::uint8_t function,
                                            std::span<const std::byte> pdu,
                                            codec::CodecError error) {
  if (error != codec::CodecError::kQuantityOutOfRange &&
      error != codec::CodecError::kByteCountMismatch) {
    return std::nullopt;
  }
  if (pdu.size() < 5) return std::nullopt;
  codec::ByteReader in(pdu.subspan(1));
  const std::uint16_t address = in.u16();
  const std::uint16_t quantity = in.u16();
  switch (static_cast<codec::FunctionCode>(function)) {
    case codec::FunctionCode::kReadHoldingRegisters:
    case codec::FunctionCode::kReadInputRegisters: {
      const Space space = function == codec::to_byte(codec::FunctionCode::kReadInputRegisters)
                              ? Space::kInput
                              : Space::kHolding;
      const auto count = std::clamp<std::size_t>(quantity, 1, codec::kMaxReadRegisters);
      return registers(device, function, space, address, count);
    }
    case codec::FunctionCode::kWriteMultipleRegisters:
      return codec::WriteMultipleRegistersResponse{address, quantity};
    default:
      return std::nullopt;
  }
}

// function-answered: 01/02 as if the device had coils (all off), anything else exception 04.
Response answer_unimplemented(std::uint8_t function, std::span<const std::byte> pdu) {
  static constexpr std::array<std::uint8_t, codec::kMaxReadBitBytes> kAllOff{};
  const auto off = [](std::uint16_t quantity) {
    return codec::PackedBits<codec::kMaxReadBitBytes>(
        std::span(kAllOff).first(codec::bit_bytes(quantity)));
  };
  if (const auto request = codec::decode_request(pdu)) {
    if (const auto* coils = std::get_if<codec::ReadCoilsRequest>(&request.value())) {
      return codec::ReadCoilsResponse{off(coils->quantity)};
    }
    if (const auto* inputs = std::get_if<codec::ReadDiscreteInputsRequest>(&request.value())) {
      return codec::ReadDiscreteInputsResponse{off(inputs->quantity)};
    }
  }
  return exception(function, ExceptionCode::kServerDeviceFailure);
}

Response answer(Device& device, std::span<const std::byte> pdu, const ActiveFaults& faults) {
  if (pdu.empty()) return exception(0, ExceptionCode::kIllegalDataValue);  // the framer's job
  const auto function = std::to_integer<std::uint8_t>(pdu[0]);
  if (!models::implements(device.map(), function)) {
    const bool conext_input_read =
        function == codec::to_byte(codec::FunctionCode::kReadInputRegisters);
    if (faults.function_answered && !conext_input_read) return answer_unimplemented(function, pdu);
    return exception(function, ExceptionCode::kIllegalFunction);
  }
  const auto request = codec::decode_request(pdu);
  if (!request) {
    const codec::CodecError error = request.error().code;
    if (faults.quantity_accepted) {
      if (auto served = accept_bad_quantity(device, function, pdu, error)) return *served;
    }
    return exception(function,
                     codec::exception_for(error).value_or(ExceptionCode::kIllegalDataValue));
  }
  return std::visit(
      [&](const auto& r) -> Response {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, codec::ReadHoldingRegistersRequest>) {
          return read(device, function, Space::kHolding, r.address, r.quantity, faults);
        } else if constexpr (std::is_same_v<T, codec::ReadInputRegistersRequest>) {
          return read(device, function, Space::kInput, r.address, r.quantity, faults);
        } else if constexpr (std::is_same_v<T, codec::WriteSingleRegisterRequest>) {
          const std::uint16_t value[] = {r.value};
          return write(device, function, r.address, value,
                       codec::WriteSingleRegisterResponse{r.address, r.value}, faults);
        } else if constexpr (std::is_same_v<T, codec::WriteMultipleRegistersRequest>) {
          return write(device, function, r.address, r.values.span(),
                       codec::WriteMultipleRegistersResponse{
                           r.address, static_cast<std::uint16_t>(r.values.size())},
                       faults);
        } else {
          // A function the map lists beyond those the simulator models
          // (models::modelled_function()): answered as by a device without it, which the
          // oracle takes as any answer.
          return exception(function, ExceptionCode::kIllegalFunction);
        }
      },
      request.value());
}

}  // namespace

std::size_t answer_request(Device& device, std::span<const std::byte> pdu,
                           const ActiveFaults& faults, std::span<std::byte> out) {
  const Response response = answer(device, pdu, faults);
  const auto size = codec::encode_response(response, out);
  if (!size) return 0;  // cannot happen: out holds any PDU
  if (faults.exception_flag_missing && std::holds_alternative<codec::ExceptionResponse>(response)) {
    out[0] &= std::byte{0x7F};
  }
  return size.value();
}

}  // namespace mbh::simulator
