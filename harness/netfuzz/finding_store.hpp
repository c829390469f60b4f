#pragma once
// Findings on disk: each in a new file of its own (never one written over), and read back
// with a size cap before the parser sees the text.
#include <string>

#include "harness/codec/result.hpp"
#include "harness/netfuzz/finding.hpp"

namespace mbh::netfuzz {

// Writes the finding into `dir` (created when missing) as the first free
// `KIND-NNNNNN-SEED.json`; returns its path, or one sentence saying why it could not.
Result<std::string, std::string> store_finding(const std::string& dir, const Finding& finding);

// The finding in the replay file at `path`, or one sentence (unreadable, or what is wrong).
Result<Finding, std::string> load_finding(const std::string& path);

}  // namespace mbh::netfuzz
