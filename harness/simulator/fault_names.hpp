#pragma once
// The catalogue's fault names, spelled once: the catalogue lists them, active_faults.cpp
// switches them on, the tests look them up.
#include <string_view>

namespace mbh::simulator::fault_names {

// Rule faults (FaultKind::kRule).
inline constexpr std::string_view kShortRead = "short-read";
inline constexpr std::string_view kPartial32Data = "partial-32-data";
inline constexpr std::string_view kPartialOther04 = "partial-other-04";
inline constexpr std::string_view kGapZeros = "gap-zeros";
inline constexpr std::string_view kBoundary04 = "boundary-04";
inline constexpr std::string_view kQuantityAccepted = "quantity-accepted";
inline constexpr std::string_view kFunctionAnswered = "function-answered";
inline constexpr std::string_view kTidNotEchoed = "tid-not-echoed";
inline constexpr std::string_view kMbapLengthWrong = "mbap-length-wrong";
inline constexpr std::string_view kExceptionFlagMissing = "exception-flag-missing";
inline constexpr std::string_view kWrongUnitAnswered = "wrong-unit-answered";
inline constexpr std::string_view kDuplicateAnswer = "duplicate-answer";
inline constexpr std::string_view kUnsolicitedFrame = "unsolicited-frame";
inline constexpr std::string_view kEnumOutOfRange = "enum-out-of-range";
inline constexpr std::string_view kUndefinedBit = "undefined-bit";
inline constexpr std::string_view kUnknownEventCode = "unknown-event-code";
inline constexpr std::string_view kSunSpecMarkerWrong = "sunspec-marker-wrong";
inline constexpr std::string_view kSunSpecLengthWrong = "sunspec-length-wrong";
inline constexpr std::string_view kDeviceModelWrong = "device-model-wrong";
inline constexpr std::string_view kPercentOver100 = "percent-over-100";
inline constexpr std::string_view kWriteNotStored = "write-not-stored";
inline constexpr std::string_view kReadonlyWriteStored = "readonly-write-stored";
inline constexpr std::string_view kConfigCommitRefused = "config-commit-refused";
inline constexpr std::string_view kConfigOutsideApplies = "config-outside-applies";

// Transport faults (FaultKind::kTransport).
inline constexpr std::string_view kSlow = "slow";
inline constexpr std::string_view kDrop = "drop";
inline constexpr std::string_view kSilence = "silence";
inline constexpr std::string_view kTruncate = "truncate";
inline constexpr std::string_view kDropInvalid = "drop-invalid";

// Fuzz targets (FaultKind::kFuzzTarget).
inline constexpr std::string_view kCrashOn = "crash-on";
inline constexpr std::string_view kHangOn = "hang-on";
inline constexpr std::string_view kFailOn = "fail-on";
inline constexpr std::string_view kSlowOn = "slow-on";
inline constexpr std::string_view kWrongFunctionOn = "wrong-function-on";
inline constexpr std::string_view kWrongUnitOn = "wrong-unit-on";
inline constexpr std::string_view kBug = "bug";
inline constexpr std::string_view kSplitHeader = "split-header";
inline constexpr std::string_view kForeignProtocolAnswered = "foreign-protocol-answered";
inline constexpr std::string_view kConnectionsHang = "connections-hang";
inline constexpr std::string_view kSlowByteCrash = "slow-byte-crash";

}  // namespace mbh::simulator::fault_names
