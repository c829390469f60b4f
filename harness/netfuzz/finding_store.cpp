#include "harness/netfuzz/finding_store.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "harness/netfuzz/replay_file.hpp"

namespace mbh::netfuzz {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

constexpr unsigned kMaxNumber = 999'999;

}  // namespace

Result<std::string, std::string> store_finding(const std::string& dir, const Finding& finding) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return fail(fmt::format("cannot create {}: {}", dir, error.message()));
  const std::string text = to_replay_json(finding);
  for (unsigned number = 1; number <= kMaxNumber; ++number) {
    const auto path =
        (std::filesystem::path(dir) / replay_file_name(finding.kind, number, finding.seed))
            .string();
    // "x": created here or not at all, so that no earlier finding is ever overwritten.
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wx"));
    if (!file) {
      if (errno == EEXIST) continue;
      return fail(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size() ||
        std::fflush(file.get()) != 0) {
      return fail(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    return path;
  }
  return fail(fmt::format("{} already holds {} findings of this seed", dir, kMaxNumber));
}

Result<Finding, std::string> load_finding(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(fmt::format("cannot read {}", path));
  std::string text;
  text.resize(kMaxReplayFileSize + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return fail(fmt::format("cannot read {}", path));
  text.resize(static_cast<std::size_t>(in.gcount()));
  auto finding = parse_replay_file(text);
  if (!finding) return fail(fmt::format("{}: {}", path, finding.error()));
  return finding;
}

}  // namespace mbh::netfuzz
