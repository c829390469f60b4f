// Runs a fuzz target's entry point over files and folders without libFuzzer, so that the
// seed corpora and corpus/regressions run under ctest in every build and the targets never
// rot. Exit 0 when every input ran (a broken invariant aborts).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  // Exactly the input's size, as libFuzzer does, so a read past the end is caught here too.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ran = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
        // .keep only holds an empty folder in git: it is not an input.
        if (entry.is_regular_file() && entry.path().filename() != ".keep") {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        ok = run_file(file) && ok;
        ++ran;
      }
    } else {
      ok = run_file(arg) && ok;
      ++ran;
    }
  }
  // ctest looks for this line and no exit status, so it is printed only when all went well.
  if (!ok) {
    std::printf("could not replay every input (%zu tried)\n", ran);
    return 1;
  }
  std::printf("replayed %zu inputs\n", ran);
  return 0;
}
