#pragma once
// The worked examples of the MODBUS Application Protocol Specification v1.1b3, one row per
// function code: the request and response PDUs as printed there, and the aggregates they
// decode to. Encoder and decoder tests both walk these rows.
#include <string_view>
#include <vector>

#include "harness/codec/pdu_types.hpp"

namespace mbh::codec::testing {

struct GoldenVector {
  std::string_view name;
  std::string_view request_hex;
  std::string_view response_hex;
  Request request;
  Response response;
};

inline std::vector<GoldenVector> golden_vectors() {
  auto objects = [] {
    DeviceObjects o;
    o.add(0x00, "Company identification");
    o.add(0x01, "Product code XX");
    o.add(0x02, "V2.11");
    return o;
  };
  return {
      {"01 Read Coils", "01 00 13 00 13", "01 03 CD 6B 05", ReadCoilsRequest{0x13, 0x13},
       ReadCoilsResponse{{0xCD, 0x6B, 0x05}}},
      {"02 Read Discrete Inputs", "02 00 C4 00 16", "02 03 AC DB 35",
       ReadDiscreteInputsRequest{0xC4, 0x16}, ReadDiscreteInputsResponse{{0xAC, 0xDB, 0x35}}},
      {"03 Read Holding Registers", "03 00 6B 00 03", "03 06 02 2B 00 00 00 64",
       ReadHoldingRegistersRequest{0x6B, 3}, ReadHoldingRegistersResponse{{0x022B, 0, 0x64}}},
      {"04 Read Input Registers", "04 00 08 00 01", "04 02 00 0A", ReadInputRegistersRequest{8, 1},
       ReadInputRegistersResponse{{0x000A}}},
      {"05 Write Single Coil", "05 00 AC FF 00", "05 00 AC FF 00",
       WriteSingleCoilRequest{0xAC, 0xFF00}, WriteSingleCoilResponse{0xAC, 0xFF00}},
      {"06 Write Single Register", "06 00 01 00 03", "06 00 01 00 03",
       WriteSingleRegisterRequest{1, 3}, WriteSingleRegisterResponse{1, 3}},
      {"15 Write Multiple Coils", "0F 00 13 00 0A 02 CD 01", "0F 00 13 00 0A",
       WriteMultipleCoilsRequest{0x13, 0x0A, {0xCD, 0x01}}, WriteMultipleCoilsResponse{0x13, 10}},
      {"16 Write Multiple Registers", "10 00 01 00 02 04 00 0A 01 02", "10 00 01 00 02",
       WriteMultipleRegistersRequest{1, {0x000A, 0x0102}}, WriteMultipleRegistersResponse{1, 2}},
      {"22 Mask Write Register", "16 00 04 00 F2 00 25", "16 00 04 00 F2 00 25",
       MaskWriteRegisterRequest{4, 0xF2, 0x25}, MaskWriteRegisterResponse{4, 0xF2, 0x25}},
      {"23 Read/Write Multiple Registers", "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF",
       "17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF",
       ReadWriteMultipleRegistersRequest{3, 6, 0x0E, {0xFF, 0xFF, 0xFF}},
       ReadWriteMultipleRegistersResponse{{0xFE, 0x0ACD, 1, 3, 0x0D, 0xFF}}},
      {"43/14 Read Device Identification",  // the specification's example, objects 0..2
       "2B 0E 01 00",
       "2B 0E 01 01 00 00 03 00 16 43 6F 6D 70 61 6E 79 20 69 64 65 6E 74 69 66 69 63 61 74 69 "
       "6F 6E 01 0F 50 72 6F 64 75 63 74 20 63 6F 64 65 20 58 58 02 05 56 32 2E 31 31",
       ReadDeviceIdentificationRequest{1, 0},
       ReadDeviceIdentificationResponse{1, 0x01, 0x00, 0x00, objects()}},
      {"exception: a coil that does not exist", "01 04 A1 00 01", "81 02",
       ReadCoilsRequest{0x04A1, 1}, ExceptionResponse{0x01, ExceptionCode::kIllegalDataAddress}},
  };
}

}  // namespace mbh::codec::testing
