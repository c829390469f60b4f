// Records the bundled simulator's traffic as the seed corpora of fuzz_simulator and
// fuzz_client: for each map, reads of every block, writes of writable rows read back,
// Enapter's configuration sequence, and requests that get exceptions; plus a few replies
// bent as hostile devices bend them (late, another id, cut short, unframeable). Each
// recording becomes a request stream for fuzz_simulator and a script of requests and replies
// cut into segments for fuzz_client, in the input formats the targets describe at their top.
// A recording is one fresh Simulator with seed 1 and all three devices, as fuzz_simulator
// serves each input, so that replaying a seed replays the recorded answers.
//
// Regenerate (the folders' .bin files are replaced):
//   cmake --build --preset release --target record_simulator_traffic
//   build/release/fuzz/seeds/record_simulator_traffic corpus
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "traffic_recording.hpp"

namespace {

namespace fs = std::filesystem;
using mbh::fuzz::seeds::Recording;

bool write_file(const fs::path& path, const std::vector<std::byte>& bytes) {
  if (bytes.size() >= 4096) {
    std::fprintf(stderr, "%s: %zu bytes, over the 4 KiB a seed may take\n", path.c_str(),
                 bytes.size());
    return false;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

void clear_seeds(const fs::path& folder) {
  fs::create_directories(folder);
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".bin") fs::remove(entry.path());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CORPUS_FOLDER (the repository's corpus/)\n", argv[0]);
    return 2;
  }
  const fs::path corpus(argv[1]);
  const fs::path simulator_seeds = corpus / "fuzz_simulator";
  const fs::path client_seeds = corpus / "fuzz_client";
  clear_seeds(simulator_seeds);
  clear_seeds(client_seeds);
  bool ok = true;
  std::size_t written = 0;
  for (const auto& [name, recording] : mbh::fuzz::seeds::record_all()) {
    ok = write_file(simulator_seeds / (name + ".bin"), recording.simulator_input()) && ok;
    ok = write_file(client_seeds / (name + ".bin"), recording.client_input()) && ok;
    ++written;
  }
  std::printf("recorded %zu scenarios into %s and %s\n", written, simulator_seeds.c_str(),
              client_seeds.c_str());
  return ok ? 0 : 1;
}
