#pragma once
// Stable check ids (INTERFACE.md): the rule without "R-" and the check's name, lowercased, every
// run of other characters one '-': "partial-other.manufacturer-name-holding-40004-read-starting-
// inside". Names say what a check sends, never what a seed chose, so an id is the same in every
// run and under every seed; a case of a random property is named by its request. An id never
// holds a space, a '#' (a known-deviations file's comment) or an upper-case "R-".
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "models/rule_table.hpp"

namespace mbh::conformance {

std::string check_id(models::RuleId rule, std::string_view name);

// Keeps ids unique within one report: a repeated id (and its name) gets "~2", "~3" (" (2)", ...)
// in the order the checks ran, which is the same in every run of the same suites.
class CheckIds {
 public:
  // The id for (rule, name), and the name made unique along with it.
  std::pair<std::string, std::string> take(models::RuleId rule, std::string name);

 private:
  std::map<std::string, int, std::less<>> seen_;
};

}  // namespace mbh::conformance
