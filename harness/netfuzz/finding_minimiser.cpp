#include "harness/netfuzz/finding_minimiser.hpp"

#include "harness/netfuzz/replay_runner.hpp"

namespace mbh::netfuzz {

Minimised minimise_finding(const Finding& finding, const MinimiseOptions& options) {
  Minimised out;
  out.frames = finding.frames;
  if (!options.restart) return out;
  const auto going = [&] {
    return out.device_up && out.replays < options.max_replays &&
           !(options.interrupt != nullptr && options.interrupt->load());
  };
  const Reproduces reproduces = [&](std::vector<SentFrame>& candidate) {
    if (!going()) return false;
    ++out.replays;
    Finding replayed = finding;
    replayed.frames = candidate;
    const ReplayOutcome outcome = replay_finding(replayed, *options.map, options.target,
                                                 options.timeout, options.interrupt, options.tap);
    if (outcome.verdict == finding.kind) {
      // What the device answered this time is what the minimised file shows.
      for (std::size_t i = 0; i < candidate.size(); ++i) {
        candidate[i].answer =
            i < outcome.frames.size() ? outcome.frames[i].answer : std::vector<std::byte>{};
      }
      out.device_up = options.restart();
      return true;
    }
    // Down another way (or not there at all): back up before the next candidate.
    if (outcome.verdict != Verdict::kNone || outcome.unreachable) {
      out.device_up = options.restart();
    }
    return false;
  };
  out.frames = shrink_frames(finding.frames, options.alone_tries, reproduces);
  return out;
}

}  // namespace mbh::netfuzz
