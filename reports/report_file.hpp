#pragma once
// Writing a report file, at the CLI's edge: errors are exceptions with a message fit to print.
#include <string>
#include <string_view>

namespace mbh::reports {

// Writes `contents` to a temporary file beside `path` and renames it over `path`, so that a
// CI job never reads half a report, nor a stale one after a failed write. A `path` that
// exists and is not a regular file (/dev/stdout, a pipe) is written directly: renaming over
// it would replace it. Throws std::runtime_error naming the path and the reason.
void write_report_file(const std::string& path, std::string_view contents);

}  // namespace mbh::reports
