// load_map_text on arbitrary bytes: a map file comes from disk, written by hand or by anyone.
// Invariants, not just survival:
// - loading never crashes, throws or aborts, whatever the input;
// - a refusal names a position in the text (line and column from 1) and says why;
// - a loaded map written back (map_json) loads again, to the same JSON.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fuzz/fuzz_input.hpp"
#include "models/map_file.hpp"
#include "models/map_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace models = mbh::models;
  const mbh::fuzz::ExactInput input(data, size);
  const auto bytes = input.span();
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  const auto loaded = models::load_map_text(text, "fuzz.json");
  if (!loaded) {
    const auto error = loaded.error();
    if (error.line == 0 || error.column == 0) {
      mbh::fuzz::invariant_broken("a refusal without a position");
    }
    if (error.message.empty()) mbh::fuzz::invariant_broken("a refusal without a message");
    return 0;
  }
  const std::string first = models::map_json(loaded.value()->map()).dump();
  const auto again = models::load_map_text(first, "again.json");
  if (!again) {
    std::fprintf(stderr, "written:\n%s\nrefused: %s\n", first.c_str(),
                 again.error().text().c_str());
    mbh::fuzz::invariant_broken("a written map does not load");
  }
  const std::string second = models::map_json(again.value()->map()).dump();
  if (second != first) {
    std::fprintf(stderr, "written:\n%s\nloaded and written again:\n%s\n", first.c_str(),
                 second.c_str());
    mbh::fuzz::invariant_broken("write then load changes the map");
  }
  return 0;
}
