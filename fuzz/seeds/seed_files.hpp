#pragma once
// Writing seed files, shared by the seed generators.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace mbh::fuzz {

// The folder a generator is given as its one argument, created if missing; none (after
// printing the usage) without exactly one argument.
inline std::optional<std::filesystem::path> seed_folder(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return std::nullopt;
  }
  std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  return dir;
}

// Writes bytes to dir/name; false (after saying so) when the file cannot be written.
inline bool write_seed(const std::filesystem::path& dir, const std::string& name,
                       const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) std::fprintf(stderr, "cannot write %s\n", (dir / name).c_str());
  return static_cast<bool>(out);
}

}  // namespace mbh::fuzz
