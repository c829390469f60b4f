#include "models/builtin_maps.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "models/builtin_map_texts.hpp"
#include "models/map_file.hpp"

namespace mbh::models {
namespace {

constexpr std::size_t kCount = kBuiltinMapIds.size();

// All at once on first use: a built-in file that does not load is a broken build, reported
// whichever map is asked for first.
const std::array<std::unique_ptr<const LoadedMap>, kCount>& builtin() {
  static const auto maps = [] {
    std::array<std::unique_ptr<const LoadedMap>, kCount> loaded;
    const auto texts = builtin_map_texts();
    for (std::size_t i = 0; i < loaded.size() && i < texts.size(); ++i) {
      auto map = load_map_text(texts[i].text, texts[i].file);
      if (!map) {
        std::fprintf(stderr, "mbharness: the built-in map file %s does not load: %s\n",
                     std::string(texts[i].file).c_str(), map.error().text().c_str());
        std::abort();
      }
      if (map.value()->map().id != kBuiltinMapIds[i]) {
        std::fprintf(stderr, "mbharness: the built-in map file %s has the id of another map\n",
                     std::string(texts[i].file).c_str());
        std::abort();
      }
      loaded[i] = std::move(map.value());
    }
    if (texts.size() != loaded.size()) {
      std::fprintf(stderr, "mbharness: %zu built-in map files compiled in, not %zu\n", texts.size(),
                   loaded.size());
      std::abort();
    }
    return loaded;
  }();
  return maps;
}

}  // namespace

std::span<const RegisterMap* const> builtin_maps() {
  static const auto maps = [] {
    std::array<const RegisterMap*, kCount> out{};
    for (std::size_t i = 0; i < kCount; ++i)
      out[i] = &builtin()[i]->map();
    return out;
  }();
  return maps;
}

const RegisterMap& conext_bms_map() {
  return builtin()[0]->map();
}
const RegisterMap& conext_ags_map() {
  return builtin()[1]->map();
}
const RegisterMap& enapter_el21_map() {
  return builtin()[2]->map();
}

}  // namespace mbh::models
