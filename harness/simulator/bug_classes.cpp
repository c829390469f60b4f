#include "harness/simulator/bug_classes.hpp"

#include <algorithm>
#include <array>

namespace mbh::simulator {
namespace {

using Pdu = std::span<const std::byte>;

unsigned u8(Pdu pdu, std::size_t at) {
  return at < pdu.size() ? std::to_integer<unsigned>(pdu[at]) : 0U;
}
unsigned u16(Pdu pdu, std::size_t at) {
  return u8(pdu, at) * 256U + u8(pdu, at + 1);
}
unsigned function(Pdu pdu) {
  return u8(pdu, 0);
}

bool in_holding_block(const models::RegisterMap& map, unsigned first, unsigned count) {
  return std::ranges::any_of(map.blocks, [&](const models::Block& block) {
    return block.space == models::Space::kHolding && first >= block.first &&
           first + count - 1 <= block.last;
  });
}

// A read (FC 01..04) whose address + quantity runs past 65535: a stack that loops to
// address + quantity in 16 bits never ends.
bool read_past_65535(Pdu pdu, const models::RegisterMap& /*map*/) {
  return function(pdu) >= 0x01 && function(pdu) <= 0x04 && pdu.size() >= 5 && u16(pdu, 3) > 0 &&
         u16(pdu, 1) + u16(pdu, 3) > 0x10000U;
}

// FC 15/16 whose byte count disagrees with the quantity: the stack copies the quantity's worth
// from a buffer the byte count sized.
bool write_byte_count(Pdu pdu, const models::RegisterMap& /*map*/) {
  if ((function(pdu) != 0x0F && function(pdu) != 0x10) || pdu.size() < 6) return false;
  const unsigned quantity = u16(pdu, 3);
  const unsigned needed = function(pdu) == 0x0F ? (quantity + 7) / 8 : 2 * quantity;
  return u8(pdu, 5) != needed;
}

// FC 23 whose read range is in the map and whose write range is not: libmodbus checked the
// write range against the read range's mapping.
bool read_write_range(Pdu pdu, const models::RegisterMap& map) {
  if (function(pdu) != 0x17 || pdu.size() < 10) return false;
  const unsigned read_count = u16(pdu, 3);
  const unsigned write_count = u16(pdu, 7);
  return read_count > 0 && write_count > 0 && in_holding_block(map, u16(pdu, 1), read_count) &&
         !in_holding_block(map, u16(pdu, 5), write_count);
}

// FC 20 whose byte count is not a whole number of 7-byte sub-requests, or disagrees with the
// bytes sent: the stack walks sub-requests past the end of the frame.
bool file_record_count(Pdu pdu, const models::RegisterMap& /*map*/) {
  if (function(pdu) != 0x14 || pdu.size() < 2) return false;
  const unsigned count = u8(pdu, 1);
  return count % 7 != 0 || count != pdu.size() - 2;
}

// FC 43/0E asking for one object (read code 4) past the regular range (0x07..0x7F): the stack
// indexes its object table with the id.
bool device_id_object(Pdu pdu, const models::RegisterMap& /*map*/) {
  return function(pdu) == 0x2B && u8(pdu, 1) == 0x0E && u8(pdu, 2) == 0x04 && pdu.size() >= 4 &&
         u8(pdu, 3) >= 0x07 && u8(pdu, 3) <= 0x7F;
}

// FC 22 shorter than its 7 bytes: the stack reads the masks past the end of the frame.
bool mask_write_short(Pdu pdu, const models::RegisterMap& /*map*/) {
  return function(pdu) == 0x16 && pdu.size() < 7;
}

// A read quantity past the function's maximum: the stack sizes its answer from the quantity.
bool quantity_over_max(Pdu pdu, const models::RegisterMap& /*map*/) {
  if (pdu.size() < 5) return false;
  const unsigned quantity = u16(pdu, 3);
  if (function(pdu) == 0x01 || function(pdu) == 0x02) return quantity > 2000;
  if (function(pdu) == 0x03 || function(pdu) == 0x04) return quantity > 125;
  return false;
}

// FC 08 sub-function 0x0015 (Get/Clear Modbus Plus Statistics), which the stack never answers.
bool diagnostic_plus(Pdu pdu, const models::RegisterMap& /*map*/) {
  return function(pdu) == 0x08 && u16(pdu, 1) == 0x0015;
}

constexpr std::array<BugClass, 8> kClasses{{
    {"read-past-65535", BugReaction::kHang, "FC 01..04 whose address + quantity passes 65535",
     "the issue's report: a server that hung on such a read", read_past_65535},
    {"write-byte-count", BugReaction::kCrash,
     "FC 15/16 whose byte count disagrees with the quantity",
     "CVE-2019-14462, CVE-2019-14463 (libmodbus)", write_byte_count},
    {"read-write-range", BugReaction::kCrash,
     "FC 23 with its read range in the map and its write range not",
     "stephane/libmodbus#614 (heap overflow in modbus_reply)", read_write_range},
    {"file-record-count", BugReaction::kCrash,
     "FC 20 whose byte count is no whole number of sub-requests or not the bytes sent",
     "debevv/nanoMODBUS#33", file_record_count},
    {"device-id-object", BugReaction::kCrash, "FC 43/0E read code 4 for an object id in 0x07..0x7F",
     "debevv/nanoMODBUS#103", device_id_object},
    {"mask-write-short", BugReaction::kCrash, "FC 22 shorter than 7 bytes",
     "Suricata's Modbus parser (OISF/suricata PR 2069)", mask_write_short},
    {"quantity-over-max", BugReaction::kCrash, "a read quantity past the function's maximum",
     "stephane/libmodbus#105", quantity_over_max},
    {"diagnostic-plus", BugReaction::kHang, "FC 08 sub-function 0x0015", "-", diagnostic_plus},
}};

}  // namespace

std::span<const BugClass> bug_classes() {
  return kClasses;
}

const BugClass* find_bug_class(std::string_view name) {
  const auto found = std::ranges::find(kClasses, name, &BugClass::name);
  return found == kClasses.end() ? nullptr : &*found;
}

}  // namespace mbh::simulator
