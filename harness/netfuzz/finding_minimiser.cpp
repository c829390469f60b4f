#include "harness/netfuzz/finding_minimiser.hpp"

#include <algorithm>

#include "harness/netfuzz/replay_runner.hpp"

namespace mbh::netfuzz {
namespace {

class Shrinker {
 public:
  Shrinker(const Finding& finding, const MinimiseOptions& options)
      : finding_(finding), options_(options) {
    out_.frames = finding.frames;
  }

  Minimised run() {
    if (finding_.frames.size() <= 1 || !options_.restart) return out_;
    // The trigger alone; then each frame before it that may have been the trigger, alone
    // (MinimiseOptions::alone_tries).
    for (std::size_t back = 1; back <= std::min(options_.alone_tries, finding_.frames.size());
         ++back) {
      const SentFrame& frame = finding_.frames[finding_.frames.size() - back];
      if (reproduces({frame})) {
        out_.frames = {frame};
        return out_;
      }
    }
    for (std::size_t chunk = (out_.frames.size() - 1) / 2; chunk >= 1 && going(); chunk /= 2) {
      std::size_t at = 0;
      while (at + chunk < out_.frames.size() && going()) {
        std::vector<SentFrame> candidate = out_.frames;
        candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(at),
                        candidate.begin() + static_cast<std::ptrdiff_t>(at + chunk));
        if (reproduces(candidate)) {
          out_.frames = std::move(candidate);
        } else {
          at += chunk;
        }
      }
    }
    return out_;
  }

 private:
  bool going() const {
    return out_.device_up && out_.replays < options_.max_replays &&
           !(options_.interrupt != nullptr && options_.interrupt->load());
  }

  bool reproduces(std::vector<SentFrame> frames) {
    if (!going()) return false;
    ++out_.replays;
    Finding candidate = finding_;
    candidate.frames = std::move(frames);
    const ReplayOutcome outcome =
        replay_finding(candidate, *options_.map, options_.target, options_.timeout,
                       options_.interrupt, options_.tap);
    if (outcome.verdict == finding_.kind) {
      out_.device_up = options_.restart();
      return true;
    }
    // Down another way (or not there at all): back up before the next candidate.
    if (outcome.verdict != Verdict::kNone || outcome.unreachable) {
      out_.device_up = options_.restart();
    }
    return false;
  }

  const Finding& finding_;
  const MinimiseOptions& options_;
  Minimised out_;
};

}  // namespace

Minimised minimise_finding(const Finding& finding, const MinimiseOptions& options) {
  return Shrinker(finding, options).run();
}

}  // namespace mbh::netfuzz
