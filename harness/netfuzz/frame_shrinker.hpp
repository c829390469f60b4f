#pragma once
// The shrinking of a finding, on any test of a candidate (finding_minimiser.hpp replays each
// against the device): the trigger alone first (most bugs need nothing before it), then the
// frames before it each alone, then the frames dropped in chunks, halving, as delta debugging
// does (the trigger too: a frame sent after the device went down, by a crash a slow drip's
// byte brought, only found it down); then each frame left, the trigger first, cut short from its
// end, halving the cut. Pure: unit tests give it a predicate.
#include <cstddef>
#include <functional>
#include <vector>

#include "harness/netfuzz/finding.hpp"

namespace mbh::netfuzz {

// True when the candidate brought the device down as the finding did; it may then set each
// frame's answer to what the device sent back this time.
using Reproduces = std::function<bool(std::vector<SentFrame>& candidate)>;

// The shortest frames found that reproduce: the given ones when none does. `alone_tries`: the
// last frames tried each alone first. A frame is never cut into its MBAP header and function
// code, and an MBAP length that counted the bytes after it goes on counting them (one that did
// not is left as it was: it may be the bug). The frames left have their connections numbered
// again (number_connections()).
std::vector<SentFrame> shrink_frames(std::vector<SentFrame> frames, std::size_t alone_tries,
                                     const Reproduces& reproduces);

// All the bytes of the frames: what shortening brings down.
std::size_t byte_count(const std::vector<SentFrame>& frames);

}  // namespace mbh::netfuzz
