// The fault catalogue as data: every RULES.md rule has at least one fault that makes it fail
// (tests/simulator/fault_proof_test.cpp proves each against the oracle), plus the transport
// faults and the fuzz targets.
#include "harness/simulator/fault_catalogue.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

#include "harness/simulator/bug_classes.hpp"
#include "harness/simulator/fault_arguments.hpp"
#include "harness/simulator/fault_names.hpp"

namespace mbh::simulator {
namespace {

namespace names = fault_names;
using models::RuleId;

constexpr FaultInfo rule_fault(std::string_view name, RuleId rule, std::string_view description) {
  return FaultInfo{name, FaultKind::kRule, rule, description, ""};
}

// clang-format off
constexpr std::array kCatalogue{
    rule_fault(names::kShortRead, RuleId::kValidRead,
               "a valid read is answered with one register fewer than asked (two for a read of one)"),
    rule_fault(names::kPartial32Data, RuleId::kPartial32,
               "a read or write starting or ending inside a uint32/sint32 is served: the raw halves are returned or stored"),
    rule_fault(names::kPartialOther04, RuleId::kPartialOther,
               "a read or write splitting a string, uint64, uint128, float32 or event array gets exception 04, neither 02 nor the raw registers"),
    rule_fault(names::kGapZeros, RuleId::kGap,
               "a read touching an address no row defines is answered with zeros; such a write is echoed and dropped"),
    rule_fault(names::kBoundary04, RuleId::kBoundary,
               "a range crossing a BMS block boundary gets exception 04, neither 02 nor the data"),
    rule_fault(names::kQuantityAccepted, RuleId::kQuantity,
               "a read of quantity 0 or over 125 is answered with 1..125 registers; a write-multiple with a bad quantity or byte count is echoed"),
    rule_fault(names::kFunctionAnswered, RuleId::kFunction,
               "function codes the device does not implement are answered: 01/02 with all-zero bits, the others with exception 04 instead of 01"),
    rule_fault(names::kTidNotEchoed, RuleId::kMbap,
               "every answer carries the request's transaction id plus one"),
    rule_fault(names::kMbapLengthWrong, RuleId::kMbap,
               "every answer's MBAP length field counts one byte more than follows it"),
    rule_fault(names::kExceptionFlagMissing, RuleId::kMbap,
               "exception responses carry the bare function code, without the 0x80 flag"),
    FaultInfo{names::kDuplicateAnswer, FaultKind::kRule, RuleId::kMbap,
              "every answer (every Nth with =N) is sent twice, the copy right after it", "[N]"},
    FaultInfo{names::kUnsolicitedFrame, FaultKind::kRule, RuleId::kMbap,
              "every answer (every Nth with =N) is followed by a frame no request asked for: the same answer with a transaction id no request has carried",
              "[N]"},
    rule_fault(names::kWrongUnitAnswered, RuleId::kUnit,
               "a request to a unit id no device serves is answered by the first device, as if it were addressed to it"),
    rule_fault(names::kEnumOutOfRange, RuleId::kEnum,
               "every read-only enumerated register reads one more than its largest listed value"),
    rule_fault(names::kUndefinedBit, RuleId::kBits,
               "every bitmap register reads its lowest undefined bit set (BMS bit 27, AGS bits 7 and 14)"),
    rule_fault(names::kUnknownEventCode, RuleId::kEvents,
               "the Enapter warning events array lists one event, 0x1234, which is not in the Error Codes table"),
    rule_fault(names::kSunSpecMarkerWrong, RuleId::kIdentity,
               "the BMS Start Marker reads 0x53756E54 (\"SunT\") instead of \"SunS\""),
    rule_fault(names::kSunSpecLengthWrong, RuleId::kIdentity,
               "the BMS Common Base Model Length reads 65 instead of 66"),
    rule_fault(names::kDeviceModelWrong, RuleId::kIdentity,
               "a fixed identity value reads with its lowest bit flipped: the Enapter Device Model (input 0) 0x454C3230 (\"EL20\") instead of 0x454C3231; on a map file, every fixed value outside a SunSpec structure"),
    rule_fault(names::kPercentOver100, RuleId::kRange,
               "every read-only register in percent reads 101 %"),
    rule_fault(names::kWriteNotStored, RuleId::kReadback,
               "writes are answered normally but not stored"),
    rule_fault(names::kReadonlyWriteStored, RuleId::kReadonly,
               "writes to read-only registers are echoed and stored"),
    rule_fault(names::kConfigCommitRefused, RuleId::kConfig,
               "Enapter Configuration Commit (holding 4001) gets exception 04 and applies nothing"),
    rule_fault(names::kConfigOutsideApplies, RuleId::kConfig,
               "an Enapter configuration register written outside Begin/Commit takes effect at once"),
    FaultInfo{names::kSlow, FaultKind::kTransport, std::nullopt,
              "every answer is sent MS milliseconds late", "MS"},
    FaultInfo{names::kDrop, FaultKind::kTransport, std::nullopt,
              "every Nth request gets no answer: the connection is closed instead", "N"},
    FaultInfo{names::kSilence, FaultKind::kTransport, std::nullopt,
              "no request is ever answered; connections stay open", ""},
    FaultInfo{names::kTruncate, FaultKind::kTransport, std::nullopt,
              "every answer is cut to its first half, then the connection is closed", ""},
    FaultInfo{names::kDropInvalid, FaultKind::kTransport, std::nullopt,
              "a frame it cannot parse is dropped without a word, the connection kept: a bad MBAP header (skipped by its length), another unit id, a PDU the codec refuses", ""},
    FaultInfo{names::kCrashOn, FaultKind::kFuzzTarget, std::nullopt,
              "a request whose PDU starts with the hex bytes SHAPE aborts the process", "SHAPE"},
    FaultInfo{names::kHangOn, FaultKind::kFuzzTarget, std::nullopt,
              "a request whose PDU starts with the hex bytes SHAPE makes the server stop answering anything",
              "SHAPE"},
    FaultInfo{names::kFailOn, FaultKind::kFuzzTarget, std::nullopt,
              "a request whose PDU starts with the hex bytes SHAPE is answered with exception 04 (Server Device Failure), as a stack whose handler threw", "SHAPE"},
    FaultInfo{names::kSlowOn, FaultKind::kFuzzTarget, std::nullopt,
              "a request whose PDU starts with the hex bytes SHAPE is answered 600 ms late", "SHAPE"},
    FaultInfo{names::kWrongFunctionOn, FaultKind::kFuzzTarget, std::nullopt,
              "a request whose PDU starts with the hex bytes SHAPE is answered with the next function code in place of its own (the exception flag kept), as a stack whose dispatch table is off by one", "SHAPE"},
    FaultInfo{names::kWrongUnitOn, FaultKind::kFuzzTarget, std::nullopt,
              "a request whose PDU starts with the hex bytes SHAPE is answered with the unit id after the request's", "SHAPE"},
    FaultInfo{names::kBug, FaultKind::kFuzzTarget, std::nullopt,
              "a request of the bug class CLASS crashes or hangs the server, as the stack that had it did (read-past-65535, write-byte-count, read-write-range, file-record-count, device-id-object, mask-write-short, quantity-over-max, diagnostic-plus)", "CLASS"},
    FaultInfo{names::kForeignProtocolAnswered, FaultKind::kFuzzTarget, std::nullopt,
              "a frame whose protocol id is not 0 (not Modbus) is answered as a request, where a device must drop it", ""},
    FaultInfo{names::kSplitHeader, FaultKind::kFuzzTarget, std::nullopt,
              "a frame whose MBAP header comes in pieces (the first read of a frame holds fewer than 7 bytes) aborts the process, as a stack that takes the length from its first read does", ""},
    FaultInfo{names::kConnectionsHang, FaultKind::kFuzzTarget, std::nullopt,
              "with more than N connections open at once the server stops answering anything, as a stack whose connection table overflows does (a well-behaved one refuses the connections past its limit)", "N"},
    FaultInfo{names::kSlowByteCrash, FaultKind::kFuzzTarget, std::nullopt,
              "a byte that comes more than 1 s after the one before it, inside a frame, aborts the process, as a stack whose inter-byte timer frees the frame's buffer while it still reads into it", ""},
};
// clang-format on

// Why `argument` is no good for `info`, or nothing.
std::optional<std::string> argument_error(const FaultInfo& info, std::string_view argument) {
  if (info.argument == "MS") {
    if (auto delay = parse_delay(argument); !delay) return delay.error();
  } else if (info.argument == "N" || info.argument == "[N]") {
    if (auto every = parse_every(argument); !every) return every.error();
  } else if (info.argument == "SHAPE") {
    if (auto shape = parse_shape(argument); !shape) return shape.error();
  } else if (info.argument == "CLASS") {
    if (find_bug_class(argument) == nullptr) {
      std::string names;
      for (const BugClass& bug : bug_classes())
        names += fmt::format("{}{}", names.empty() ? "" : ", ", bug.name);
      return fmt::format("unknown bug class '{}' (one of {})", argument, names);
    }
  }
  return std::nullopt;
}

}  // namespace

std::span<const FaultInfo> fault_catalogue() {
  return kCatalogue;
}

const FaultInfo* find_fault(std::string_view name) {
  for (const FaultInfo& info : kCatalogue) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

Result<FaultSpec, std::string> parse_fault(std::string_view text) {
  const auto equals = text.find('=');
  const std::string_view name = text.substr(0, equals);
  if (name.empty()) return fail(fmt::format("fault '{}' has no name", text));
  const FaultInfo* info = find_fault(name);
  if (info == nullptr) {
    return fail(fmt::format("unknown fault '{}' (--list-faults lists them)", name));
  }
  if (equals == std::string_view::npos) {
    if (!info->argument.empty() && !info->argument_optional()) {
      return fail(fmt::format("fault '{}' needs an argument: {}={} ({})", name, name,
                              info->argument, info->description));
    }
    return FaultSpec{info, std::nullopt};
  }
  const std::string_view argument = text.substr(equals + 1);
  if (info->argument.empty()) {
    return fail(fmt::format("fault '{}' takes no argument, but was given '{}'", name, argument));
  }
  if (auto error = argument_error(*info, argument)) {
    return fail(fmt::format("fault '{}': {}", name, *error));
  }
  return FaultSpec{info, std::string(argument)};
}

}  // namespace mbh::simulator
