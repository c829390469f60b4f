#include "harness/netfuzz/function_requests.hpp"

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/byte_of.hpp"

namespace mbh::netfuzz {
namespace {

using bytes::b;

void put16(Pdu& out, unsigned value) {
  out.push_back(b(value >> 8));
  out.push_back(b(value));
}

// Byte by byte: g++ 12 at -O3 sees a bounds fault that is not there in vector::insert.
void append(Pdu& out, std::span<const std::byte> bytes) {
  out.reserve(out.size() + bytes.size());
  for (const std::byte byte : bytes)
    out.push_back(byte);
}

}  // namespace

std::uint16_t max_quantity(std::uint8_t function) {
  switch (function) {
    case kReadCoils:
    case kReadDiscreteInputs:
      return codec::kMaxReadBits;
    case kReadHolding:
    case kReadInput:
    case kReadWrite:
      return codec::kMaxReadRegisters;
    case kWriteCoils:
      return codec::kMaxWriteBits;
    case kWriteRegisters:
      return codec::kMaxWriteRegisters;
    default:
      return 0;
  }
}

unsigned right_byte_count(std::uint8_t function, unsigned quantity) {
  return function == kWriteCoils ? (quantity + 7U) / 8U : 2U * quantity;
}

Pdu read_request(std::uint8_t function, unsigned address, unsigned quantity) {
  Pdu pdu{b(function)};
  put16(pdu, address);
  put16(pdu, quantity);
  return pdu;
}

Pdu write_single(std::uint8_t function, unsigned address, unsigned value) {
  return read_request(function, address, value);  // the same layout: two words
}

Pdu write_multiple(std::uint8_t function, unsigned address, unsigned quantity, unsigned byte_count,
                   std::span<const std::byte> values) {
  Pdu pdu = read_request(function, address, quantity);
  pdu.push_back(b(byte_count));
  append(pdu, values);
  return pdu;
}

Pdu mask_write(unsigned address, unsigned and_mask, unsigned or_mask) {
  Pdu pdu = read_request(kMaskWriteRegister, address, and_mask);
  put16(pdu, or_mask);
  return pdu;
}

Pdu read_write(const ReadWriteFields& fields, std::span<const std::byte> values) {
  Pdu pdu = read_request(kReadWrite, fields.read_address, fields.read_quantity);
  put16(pdu, fields.write_address);
  put16(pdu, fields.write_quantity);
  pdu.push_back(b(fields.byte_count));
  append(pdu, values);
  return pdu;
}

unsigned file_byte_count(std::span<const FileSubRequest> subs) {
  unsigned count = 0;
  for (const auto& sub : subs)
    count += 7U + static_cast<unsigned>(sub.data.size());
  return count;
}

Pdu file_record(std::uint8_t function, unsigned byte_count, std::span<const FileSubRequest> subs) {
  Pdu pdu{b(function), b(byte_count)};
  for (const auto& sub : subs) {
    pdu.push_back(b(sub.reference));
    put16(pdu, sub.file);
    put16(pdu, sub.record);
    put16(pdu, sub.length);
    append(pdu, sub.data);
  }
  return pdu;
}

Pdu diagnostic(unsigned sub_function, std::span<const std::byte> data) {
  Pdu pdu{b(kDiagnostics)};
  put16(pdu, sub_function);
  append(pdu, data);
  return pdu;
}

Pdu encapsulated(unsigned mei, std::span<const std::byte> rest) {
  Pdu pdu{b(kEncapsulated), b(mei)};
  append(pdu, rest);
  return pdu;
}

unsigned field16(std::span<const std::byte> pdu, std::size_t at) {
  if (at + 1 >= pdu.size()) return 0;
  return std::to_integer<unsigned>(pdu[at]) * 256U + std::to_integer<unsigned>(pdu[at + 1]);
}

}  // namespace mbh::netfuzz
