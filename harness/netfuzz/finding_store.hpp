#pragma once
// Findings on disk: each in a new file of its own (never one written over), and read back
// with a size cap before the parser sees the text.
#include <optional>
#include <string>

#include "harness/codec/result.hpp"
#include "harness/netfuzz/finding.hpp"

namespace mbh::netfuzz {

// Why findings could not be stored in `dir`, checked before the first frame so that a finding
// made an hour in is never "not saved": not a folder, or neither it nor (when missing) the
// nearest folder above it writable. Nothing when they can be; nothing is created.
std::optional<std::string> out_dir_problem(const std::string& dir);

// Writes the finding into `dir` (created when missing) as the first free
// `KIND-NNNNNN-SEED.json`; returns its path, or one sentence saying why it could not.
Result<std::string, std::string> store_finding(const std::string& dir, const Finding& finding);

// Replaces the replay file at `path` (one store_finding() wrote) with `finding`, whole or not
// at all (a new file renamed over it); nothing, or one sentence saying why it could not.
std::optional<std::string> rewrite_finding(const std::string& path, const Finding& finding);

// The finding in the replay file at `path`, or one sentence (unreadable, or what is wrong).
Result<Finding, std::string> load_finding(const std::string& path);

}  // namespace mbh::netfuzz
