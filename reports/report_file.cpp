#include "reports/report_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace mbh::reports {
namespace {

[[noreturn]] void fail(const std::string& path, std::string_view why) {
  throw std::runtime_error(fmt::format("cannot write report {}: {}", path, why));
}

// Writes and closes `target`; on failure throws, naming `report_path`.
void write_whole(const std::string& target, std::string_view contents,
                 const std::string& report_path) {
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(target.c_str(), "wb"));
  if (!file) fail(report_path, std::strerror(errno));
  if (std::fwrite(contents.data(), 1, contents.size(), file.get()) != contents.size()) {
    fail(report_path, std::strerror(errno));
  }
  // fclose flushes: a full disk may only show here.
  if (std::fclose(file.release()) != 0) fail(report_path, std::strerror(errno));
}

}  // namespace

void write_report_file(const std::string& path, std::string_view contents) {
  namespace fs = std::filesystem;
  if (path.empty()) fail(path, "no file name given");
  std::error_code status_error;
  const fs::file_status status = fs::status(path, status_error);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    if (fs::is_directory(status)) fail(path, "it is a directory");
    write_whole(path, contents, path);
    return;
  }
  const std::string temporary = path + ".partial";
  try {
    write_whole(temporary, contents, path);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  std::error_code rename_error;
  fs::rename(temporary, path, rename_error);
  if (rename_error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    fail(path, rename_error.message());
  }
}

}  // namespace mbh::reports
