#include "harness/netfuzz/finding_store.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include <unistd.h>

#include "harness/netfuzz/replay_file.hpp"

namespace mbh::netfuzz {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

constexpr unsigned kMaxNumber = 999'999;

}  // namespace

std::optional<std::string> out_dir_problem(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::path at = fs::absolute(dir, error);
  if (error) return fmt::format("--out {}: {}", dir, error.message());
  // The folder itself, or the nearest one above that exists: create_directories starts there.
  while (!fs::exists(at, error)) {
    if (!at.has_parent_path() || at.parent_path() == at) break;
    at = at.parent_path();
  }
  if (!fs::is_directory(at, error)) {
    return fmt::format("--out {}: {} is not a folder", dir, at.string());
  }
  if (::access(at.c_str(), W_OK | X_OK) != 0) {
    return fmt::format("--out {}: {} is not writable: {}", dir, at.string(), std::strerror(errno));
  }
  return std::nullopt;
}

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

std::optional<std::string> rewrite_finding(const std::string& path, const Finding& finding) {
  const std::string text = to_replay_json(finding);
  const std::string next = path + ".new";
  {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(next.c_str(), "w"));
    if (!file || std::fwrite(text.data(), 1, text.size(), file.get()) != text.size() ||
        std::fflush(file.get()) != 0) {
      std::remove(next.c_str());
      return fmt::format("cannot write {}: {}", next, std::strerror(errno));
    }
  }
  if (std::rename(next.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(next.c_str());
    return fmt::format("cannot replace {}: {}", path, why);
  }
  return std::nullopt;
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
