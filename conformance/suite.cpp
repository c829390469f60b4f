#include "conformance/suite.hpp"

namespace mbh::conformance {

using models::RuleId;

std::span<const Suite> suites() {
  static const std::vector<Suite> all{
      {"mbap-probes", {RuleId::kMbap}, run_mbap_probes},
      {"function", {RuleId::kFunction}, run_function_suite},
      {"unit", {RuleId::kUnit}, run_unit_suite},
      {"quantity", {RuleId::kQuantity}, run_quantity_suite},
      {"valid-read", {RuleId::kValidRead}, run_valid_read_suite},
      {"partial", {RuleId::kPartial32, RuleId::kPartialOther}, run_partial_suite},
      {"gap", {RuleId::kGap}, run_gap_suite},
      {"boundary", {RuleId::kBoundary}, run_boundary_suite},
      {"values",
       {RuleId::kEnum, RuleId::kBits, RuleId::kEvents, RuleId::kIdentity, RuleId::kRange},
       run_value_suite},
      {"random-reads",
       {RuleId::kValidRead, RuleId::kPartial32, RuleId::kPartialOther, RuleId::kGap,
        RuleId::kBoundary, RuleId::kQuantity},
       run_random_read_property},
      {"readonly", {RuleId::kReadonly}, run_readonly_suite},
      {"readback", {RuleId::kReadback}, run_readback_suite},
      {"config", {RuleId::kConfig}, run_config_suite},
      {"mbap-summary", {RuleId::kMbap}, run_mbap_summary},
  };
  return all;
}

}  // namespace mbh::conformance
