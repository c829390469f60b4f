#pragma once
// A whole conformance run: the suites in order against one device, every change restored,
// the report filled in.
#include <atomic>

#include "conformance/conform_options.hpp"
#include "conformance/device_channel.hpp"
#include "conformance/run_report.hpp"

namespace mbh::conformance {

// `interrupt` (may be null) is watched between requests: when raised, the suites stop, what
// the run changed is restored, and the report says it was interrupted.
RunReport run_conformance(DeviceChannel& channel, const ConformOptions& options,
                          const std::atomic<bool>* interrupt = nullptr);

}  // namespace mbh::conformance
