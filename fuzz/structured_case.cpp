#include "fuzz/structured_case.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <type_traits>
#include <variant>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/request_codec.hpp"
#include "models/map_catalog.hpp"
#include "tests/codec/normal_answer.hpp"

namespace mbh::fuzz {
namespace {

template <class Items>
Items items(FuzzedDataProvider& input, std::size_t count) {
  Items out;
  for (std::size_t i = 0; i < count; ++i)
    out.push_back(input.ConsumeIntegral<typename Items::value_type>());
  return out;
}

// Draws a request's fields: within the protocol's limits, or from their whole range when the
// case is one the codec should refuse.
class Fields {
 public:
  Fields(FuzzedDataProvider& input, bool refuse) : input_(input), refuse_(refuse) {}

  FuzzedDataProvider& input() { return input_; }
  bool refuse() const { return refuse_; }
  std::uint16_t word() { return input_.ConsumeIntegral<std::uint16_t>(); }
  std::uint8_t byte() { return input_.ConsumeIntegral<std::uint8_t>(); }

  // 1..most items, or 0..beyond when refusing.
  std::size_t count(std::size_t most, std::size_t beyond) {
    return input_.ConsumeIntegralInRange<std::size_t>(refuse_ ? 0 : 1, refuse_ ? beyond : most);
  }

  // A row of one of the three maps (null for a provider-chosen address) and its address.
  struct Start {
    const models::RegisterRow* row;
    std::uint16_t address;
  };
  Start row_or_word() {
    const auto maps = models::all_maps();
    const auto map = input_.ConsumeIntegralInRange<std::size_t>(0, maps.size());
    if (map == maps.size()) return {nullptr, word()};
    const auto rows = maps[map]->rows;
    const auto& row = rows[input_.ConsumeIntegralInRange<std::size_t>(0, rows.size() - 1)];
    return {&row, row.address};
  }

  // `start` moved down so that `quantity` items end by register 65535, unless refusing.
  std::uint16_t fit(std::uint16_t start, std::size_t quantity) const {
    if (refuse_ || quantity == 0 || quantity > 0x10000) return start;
    return static_cast<std::uint16_t>(std::min<std::size_t>(start, 0x10000 - quantity));
  }
  std::uint16_t address(std::size_t quantity) { return fit(row_or_word().address, quantity); }

 private:
  FuzzedDataProvider& input_;
  bool refuse_;
};

// FC 01 to 04. A register read of a map row reads the whole row, as a client does.
template <class T>
T read_request(Fields& f, std::uint16_t most, bool whole_row) {
  const auto start = f.row_or_word();
  T request;
  request.quantity =
      static_cast<std::uint16_t>(whole_row && start.row != nullptr && !f.refuse()
                                     ? std::min<std::size_t>(start.row->type.register_count(), most)
                                     : f.count(most, 0xFFFF));
  request.address = f.fit(start.address, request.quantity);
  return request;
}

codec::Request write_coils(Fields& f) {
  codec::WriteMultipleCoilsRequest r;
  r.quantity = static_cast<std::uint16_t>(f.count(codec::kMaxWriteBits, 0xFFFF));
  const std::size_t bytes = f.refuse() ? f.count(codec::kMaxWriteBitBytes, codec::kMaxWriteBitBytes)
                                       : codec::bit_bytes(r.quantity);
  r.bits = items<codec::PackedBits<codec::kMaxWriteBitBytes>>(f.input(), bytes);
  r.address = f.address(r.quantity);
  return r;
}

codec::Request write_registers(Fields& f) {
  codec::WriteMultipleRegistersRequest r;
  r.values = items<codec::RegisterValues<codec::kMaxWriteRegisters>>(
      f.input(), f.count(codec::kMaxWriteRegisters, codec::kMaxWriteRegisters));
  r.address = f.address(r.values.size());
  return r;
}

codec::Request read_write(Fields& f) {
  codec::ReadWriteMultipleRegistersRequest r;
  r.read_quantity = static_cast<std::uint16_t>(f.count(codec::kMaxReadRegisters, 0xFFFF));
  r.values = items<codec::RegisterValues<codec::kMaxReadWriteRegisters>>(
      f.input(), f.count(codec::kMaxReadWriteRegisters, codec::kMaxReadWriteRegisters));
  r.read_address = f.address(r.read_quantity);
  r.write_address = f.address(r.values.size());
  return r;
}

codec::Request build_request(Fields& f) {
  switch (f.input().ConsumeIntegralInRange(0, 10)) {
    case 0:
      return read_request<codec::ReadCoilsRequest>(f, codec::kMaxReadBits, false);
    case 1:
      return read_request<codec::ReadDiscreteInputsRequest>(f, codec::kMaxReadBits, false);
    case 2:
      return read_request<codec::ReadHoldingRegistersRequest>(f, codec::kMaxReadRegisters, true);
    case 3:
      return read_request<codec::ReadInputRegistersRequest>(f, codec::kMaxReadRegisters, true);
    case 4: {
      const std::uint16_t address = f.address(1);
      const std::uint16_t value = f.input().ConsumeBool() ? codec::kCoilOn : codec::kCoilOff;
      return codec::WriteSingleCoilRequest{address, f.refuse() ? f.word() : value};
    }
    case 5:
      return codec::WriteSingleRegisterRequest{f.address(1), f.word()};
    case 6:
      return write_coils(f);
    case 7:
      return write_registers(f);
    case 8:
      return codec::MaskWriteRegisterRequest{f.address(1), f.word(), f.word()};
    case 9:
      return read_write(f);
    default: {
      const auto code =
          f.refuse() ? f.byte() : f.input().ConsumeIntegralInRange<std::uint8_t>(1, 4);
      return codec::ReadDeviceIdentificationRequest{code, f.byte()};
    }
  }
}

// ---- Responses ----

constexpr std::array<std::uint8_t, 6> kConformityLevels{0x01, 0x02, 0x03, 0x81, 0x82, 0x83};

codec::ReadDeviceIdentificationResponse identification(FuzzedDataProvider& input,
                                                       std::uint8_t read_code) {
  codec::ReadDeviceIdentificationResponse r;
  r.read_code = read_code;
  r.conformity_level = input.PickValueInArray(kConformityLevels);
  r.more_follows = input.ConsumeBool() ? 0xFF : 0x00;
  r.next_object_id = input.ConsumeIntegral<std::uint8_t>();
  for (int n = input.ConsumeIntegralInRange(0, 8); n > 0; --n) {
    const auto id = input.ConsumeIntegral<std::uint8_t>();
    const auto value =
        input.ConsumeBytes<std::uint8_t>(input.ConsumeIntegralInRange<std::size_t>(0, 40));
    if (!r.objects.add(id, value)) break;
  }
  return r;
}

// A read's data from the fuzzer's bytes (normal_answer's source).
struct FuzzedData {
  FuzzedDataProvider& input;
  std::uint8_t byte(std::uint16_t, std::size_t) { return input.ConsumeIntegral<std::uint8_t>(); }
  std::uint16_t word(std::uint16_t, std::size_t) { return input.ConsumeIntegral<std::uint16_t>(); }
  codec::ReadDeviceIdentificationResponse identification(std::uint8_t read_code) {
    return mbh::fuzz::identification(input, read_code);
  }
};

// One field set to a value decode_response_unpaired() refuses, where the response has one.
void spoil(FuzzedDataProvider& input, codec::Response& response) {
  std::visit(
      [&input](auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, codec::ExceptionResponse>) {
          r.function |= codec::kExceptionFlag;  // the encoder's flag already set
        } else if constexpr (requires { r.bits; }) {
          r.bits.clear();
        } else if constexpr (requires { r.values; }) {
          r.values.clear();
        } else if constexpr (std::is_same_v<T, codec::WriteSingleCoilResponse>) {
          r.value = static_cast<std::uint16_t>(input.ConsumeIntegralInRange(1, 0xFEFF));
        } else if constexpr (std::is_same_v<T, codec::WriteMultipleCoilsResponse> ||
                             std::is_same_v<T, codec::WriteMultipleRegistersResponse>) {
          r.quantity = 0;
        } else if constexpr (std::is_same_v<T, codec::ReadDeviceIdentificationResponse>) {
          const int field = input.ConsumeIntegralInRange(0, 2);
          if (field == 0) r.read_code = 0;
          if (field == 1) r.conformity_level = 0x04;
          if (field == 2) r.more_follows = 0x01;
        }
        // FC 06 and 22 echo any address and value: nothing to spoil.
      },
      response);
}

codec::Response build_response(FuzzedDataProvider& input, const codec::Request& request) {
  const std::uint8_t function = codec::function_byte(request);
  if (const auto error = codec::validate(request)) {
    // What a server answers a request it cannot decode with.
    return codec::ExceptionResponse{function, codec::exception_for(*error).value_or(
                                                  codec::ExceptionCode::kServerDeviceFailure)};
  }
  // 0-4: the answer; 5: an exception; 6: a spoiled exception; 7: a spoiled answer.
  const int choice = input.ConsumeIntegralInRange(0, 7);
  FuzzedData data{input};
  codec::Response response =
      choice == 5 || choice == 6
          ? codec::Response{codec::ExceptionResponse{
                function, static_cast<codec::ExceptionCode>(input.ConsumeIntegral<std::uint8_t>())}}
          : codec::testing::normal_answer(request, data);
  if (choice >= 6) spoil(input, response);
  return response;
}

}  // namespace

StructuredCase build_structured_case(FuzzedDataProvider& input) {
  Fields fields(input, input.ConsumeIntegralInRange(0, 7) == 7);
  StructuredCase out;
  out.request = build_request(fields);
  out.response = build_response(input, out.request);
  out.transaction_id = input.ConsumeIntegral<std::uint16_t>();
  const auto maps = models::all_maps();
  const auto unit = input.ConsumeIntegralInRange<std::size_t>(0, maps.size());
  out.unit_id = unit < maps.size() ? models::default_unit(*maps[unit])
                                   : input.ConsumeIntegral<std::uint8_t>();
  return out;
}

}  // namespace mbh::fuzz
