#include "harness/netfuzz/anomaly.hpp"

#include <array>

namespace mbh::netfuzz {
namespace {

constexpr std::size_t kHeader = 7;  // MBAP with the unit id
constexpr std::uint8_t kExceptionBit = 0x80;
constexpr std::uint8_t kServerDeviceFailure = 0x04;
constexpr std::uint8_t kLastExceptionCode = 0x0B;
// Read Exception Status answers with its function and one byte: two bytes, like an exception.
constexpr std::uint8_t kReadExceptionStatus = 0x07;

struct Named {
  Anomaly anomaly;
  std::string_view name;
  std::string_view text;
};

constexpr std::array<Named, 7> kAnomalyNames{{
    {Anomaly::kServerFailure, "server-device-failure",
     "the device answered with exception 04 (Server Device Failure): an error inside it"},
    {Anomaly::kExceptionFlagMissing, "exception-flag-missing",
     "the device answered with an exception code under a function byte without the 0x80 bit"},
    {Anomaly::kWrongFunction, "wrong-function",
     "the answer carries a function byte that is neither the request's nor its exception"},
    {Anomaly::kWrongUnit, "wrong-unit", "the answer carries another unit id than the request"},
    {Anomaly::kWrongTransaction, "wrong-transaction",
     "the device sent frames carrying transaction ids nobody sent, or an answer twice"},
    {Anomaly::kAnsweredForeignProtocol, "answered-foreign-protocol",
     "the device answered a frame whose protocol id is not 0 (not Modbus), which it must drop"},
    {Anomaly::kSlow, "slow", "the answer came far later than the device's usual round trip"},
}};

unsigned u8(std::byte b) {
  return std::to_integer<unsigned>(b);
}

}  // namespace

std::string_view anomaly_name(Anomaly anomaly) {
  for (const Named& named : kAnomalyNames) {
    if (named.anomaly == anomaly) return named.name;
  }
  return "none";
}

std::optional<Anomaly> anomaly_from_name(std::string_view name) {
  for (const Named& named : kAnomalyNames) {
    if (named.name == name) return named.anomaly;
  }
  return std::nullopt;
}

std::string_view anomaly_text(Anomaly anomaly) {
  for (const Named& named : kAnomalyNames) {
    if (named.anomaly == anomaly) return named.text;
  }
  return "nothing wrong";
}

Anomaly anomaly_in(std::span<const std::byte> request, std::span<const std::byte> answer) {
  if (request.size() >= 4 && (u8(request[2]) != 0 || u8(request[3]) != 0)) {
    return Anomaly::kAnsweredForeignProtocol;
  }
  if (request.size() < kHeader + 1 || answer.size() < kHeader + 1) return Anomaly::kNone;
  if (answer[6] != request[6]) return Anomaly::kWrongUnit;
  const unsigned asked = u8(request[kHeader]);
  const unsigned got = u8(answer[kHeader]);
  const bool exception = got == (asked | kExceptionBit);
  const std::size_t pdu_size = answer.size() - kHeader;
  const unsigned code = pdu_size >= 2 ? u8(answer[kHeader + 1]) : 0;
  if (asked >= kExceptionBit && got == (asked & ~unsigned{kExceptionBit}) && pdu_size == 2) {
    return Anomaly::kExceptionFlagMissing;  // 0x83 asked, 0x03 nn answered
  }
  if (got != asked && !exception) return Anomaly::kWrongFunction;
  if (got == asked && asked < kExceptionBit && asked != kReadExceptionStatus && pdu_size == 2 &&
      code >= 1 && code <= kLastExceptionCode) {
    // No answer of these functions is two bytes with a byte of 1..11 but an exception's.
    return Anomaly::kExceptionFlagMissing;
  }
  if ((exception || asked >= kExceptionBit) && pdu_size == 2 && code == kServerDeviceFailure) {
    return Anomaly::kServerFailure;
  }
  return Anomaly::kNone;
}

}  // namespace mbh::netfuzz
