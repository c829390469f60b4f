#pragma once
// The conformance suites, one per rule family of RULES.md, in the order a run takes them.
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "models/rule_table.hpp"

namespace mbh::conformance {

class Session;

struct Suite {
  std::string_view name;
  std::vector<models::RuleId> rules;  // the rules its checks name
  void (*run)(Session&);
};

// Reads first (they change nothing), then writes, each write restored before the next
// suite; the R-MBAP summary of every answer's framing last.
std::span<const Suite> suites();

void run_mbap_probes(Session& session);
void run_function_suite(Session& session);
void run_unit_suite(Session& session);
void run_quantity_suite(Session& session);
void run_valid_read_suite(Session& session);
void run_partial_suite(Session& session);
void run_gap_suite(Session& session);
void run_boundary_suite(Session& session);
void run_value_suite(Session& session);
void run_random_read_property(Session& session);
void run_readonly_suite(Session& session);
void run_readback_suite(Session& session);
void run_config_suite(Session& session);
void run_mbap_summary(Session& session);

}  // namespace mbh::conformance
