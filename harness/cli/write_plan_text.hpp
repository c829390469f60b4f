#pragma once
// `conform --plan` on the terminal: every write the run would make, numbered, with the
// register, its safety class, the value to write and the value to restore (read from the
// device now), so that an engineer can review them before a run touches a live site.
#include <iosfwd>

#include "conformance/write_plan.hpp"

namespace mbh::cli {

void write_plan_text(const conformance::WritePlan& plan, const conformance::ConformOptions& options,
                     std::ostream& out);

}  // namespace mbh::cli
