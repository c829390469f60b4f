#include "harness/simulator/active_faults.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "harness/simulator/fault_arguments.hpp"
#include "harness/simulator/fault_names.hpp"

namespace mbh::simulator {
namespace {

namespace names = fault_names;

struct FlagFault {
  std::string_view name;
  bool ActiveFaults::*flag;
};

// clang-format off
constexpr FlagFault kFlagFaults[] = {
    {names::kShortRead, &ActiveFaults::short_read},
    {names::kPartial32Data, &ActiveFaults::partial_32_data},
    {names::kPartialOther04, &ActiveFaults::partial_other_04},
    {names::kGapZeros, &ActiveFaults::gap_zeros},
    {names::kBoundary04, &ActiveFaults::boundary_04},
    {names::kQuantityAccepted, &ActiveFaults::quantity_accepted},
    {names::kFunctionAnswered, &ActiveFaults::function_answered},
    {names::kWriteNotStored, &ActiveFaults::write_not_stored},
    {names::kReadonlyWriteStored, &ActiveFaults::readonly_write_stored},
    {names::kTidNotEchoed, &ActiveFaults::tid_not_echoed},
    {names::kMbapLengthWrong, &ActiveFaults::mbap_length_wrong},
    {names::kExceptionFlagMissing, &ActiveFaults::exception_flag_missing},
    {names::kWrongUnitAnswered, &ActiveFaults::wrong_unit_answered},
    {names::kEnumOutOfRange, &ActiveFaults::enum_out_of_range},
    {names::kUndefinedBit, &ActiveFaults::undefined_bit},
    {names::kUnknownEventCode, &ActiveFaults::unknown_event_code},
    {names::kSunSpecMarkerWrong, &ActiveFaults::sunspec_marker_wrong},
    {names::kSunSpecLengthWrong, &ActiveFaults::sunspec_length_wrong},
    {names::kDeviceModelWrong, &ActiveFaults::device_model_wrong},
    {names::kPercentOver100, &ActiveFaults::percent_over_100},
    {names::kConfigCommitRefused, &ActiveFaults::config_commit_refused},
    {names::kConfigOutsideApplies, &ActiveFaults::config_outside_applies},
    {names::kSilence, &ActiveFaults::silence},
    {names::kTruncate, &ActiveFaults::truncate},
    {names::kDropInvalid, &ActiveFaults::drop_invalid},
    {names::kSplitHeader, &ActiveFaults::split_header},
    {names::kForeignProtocolAnswered, &ActiveFaults::foreign_protocol_answered},
    {names::kSlowByteCrash, &ActiveFaults::slow_byte_crash},
};
// clang-format on

template <class T>
T checked(Result<T, std::string> result, std::string_view name) {
  if (!result) throw std::invalid_argument(fmt::format("fault '{}': {}", name, result.error()));
  return std::move(result).value();
}

}  // namespace

ActiveFaults activate(std::span<const FaultSpec> faults) {
  ActiveFaults active;
  for (const FaultSpec& spec : faults) {
    if (spec.info == nullptr) throw std::invalid_argument("a fault without its catalogue entry");
    const FaultInfo& info = *spec.info;
    const bool argument_wrong = info.argument.empty() ? spec.argument.has_value()
                                                      : !spec.argument && !info.argument_optional();
    if (argument_wrong) {
      throw std::invalid_argument(
          fmt::format("fault '{}' {}", info.name,
                      info.argument.empty() ? "takes no argument" : "needs an argument"));
    }
    if (info.name == names::kSlow) {
      active.slow = checked(parse_delay(*spec.argument), info.name);
    } else if (info.name == names::kConnectionsHang) {
      active.connections_hang_above = checked(parse_every(*spec.argument), info.name);
    } else if (info.name == names::kDrop) {
      active.drop_every = checked(parse_every(*spec.argument), info.name);
    } else if (info.name == names::kDuplicateAnswer) {
      active.duplicate_every = spec.argument ? checked(parse_every(*spec.argument), info.name) : 1U;
    } else if (info.name == names::kUnsolicitedFrame) {
      active.unsolicited_every =
          spec.argument ? checked(parse_every(*spec.argument), info.name) : 1U;
    } else if (info.name == names::kCrashOn) {
      active.crash_on.push_back(checked(parse_shape(*spec.argument), info.name));
    } else if (info.name == names::kHangOn) {
      active.hang_on.push_back(checked(parse_shape(*spec.argument), info.name));
    } else if (info.name == names::kFailOn) {
      active.fail_on.push_back(checked(parse_shape(*spec.argument), info.name));
    } else if (info.name == names::kSlowOn) {
      active.slow_on.push_back(checked(parse_shape(*spec.argument), info.name));
    } else if (info.name == names::kWrongFunctionOn) {
      active.wrong_function_on.push_back(checked(parse_shape(*spec.argument), info.name));
    } else if (info.name == names::kWrongUnitOn) {
      active.wrong_unit_on.push_back(checked(parse_shape(*spec.argument), info.name));
    } else if (info.name == names::kBug) {
      const BugClass* bug = find_bug_class(*spec.argument);
      if (bug == nullptr) {
        throw std::invalid_argument(
            fmt::format("fault '{}': unknown bug class '{}'", info.name, *spec.argument));
      }
      active.bugs.push_back(bug);
    } else {
      bool known = false;
      for (const FlagFault& flag : kFlagFaults) {
        if (flag.name == info.name) {
          active.*flag.flag = true;
          known = true;
        }
      }
      if (!known) throw std::invalid_argument(fmt::format("fault '{}' is not known", info.name));
    }
  }
  return active;
}

}  // namespace mbh::simulator
