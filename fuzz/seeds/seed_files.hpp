#pragma once
// Writing seed files, shared by the seed generators.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace mbh::fuzz {

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
