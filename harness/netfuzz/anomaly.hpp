#pragma once
// Answers that are no crash and no hang but show a stack gone wrong (issue classes real Modbus
// servers have had): exception 04 (Server Device Failure: an unhandled error inside the
// device), an exception answer without the 0x80 bit, an answer echoing another function or
// unit, answers carrying a transaction id nobody sent, an answer to a frame a conforming
// device drops (protocol id not 0), an answer far slower than the device's usual. Each is a
// finding of its own kind, saved once and counted, without stopping the run. Pure.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace mbh::netfuzz {

enum class Anomaly : std::uint8_t {
  kNone,
  kServerFailure,            // exception 04 to a request
  kExceptionFlagMissing,     // an exception answer whose function byte lacks the 0x80 bit
  kWrongFunction,            // the answer's function is neither the request's nor its exception
  kWrongUnit,                // the answer's unit id is not the request's
  kWrongTransaction,         // frames came carrying transaction ids nobody sent (or twice)
  kAnsweredForeignProtocol,  // an answer to a frame whose protocol id is not 0 (not Modbus)
  kSlow,                     // an answer far slower than the device's usual round trip
};

// "server-device-failure", "exception-flag-missing", "wrong-function", "wrong-unit",
// "wrong-transaction", "answered-foreign-protocol", "slow"; stable: replay files carry them.
std::string_view anomaly_name(Anomaly anomaly);
std::optional<Anomaly> anomaly_from_name(std::string_view name);
// One sentence for a finding's `observed` field.
std::string_view anomaly_text(Anomaly anomaly);

// What is wrong with `answer` (a whole ADU whose transaction id matched) to `request` (the
// whole send, one ADU): the first of kAnsweredForeignProtocol, kWrongUnit, kWrongFunction,
// kExceptionFlagMissing and kServerFailure that holds, or kNone. A request shorter than a
// header and a function byte is judged on its protocol id alone.
Anomaly anomaly_in(std::span<const std::byte> request, std::span<const std::byte> answer);

}  // namespace mbh::netfuzz
