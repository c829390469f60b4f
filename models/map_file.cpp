#include "models/map_file.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "models/json_positions.hpp"
#include "models/map_file_fault.hpp"
#include "models/map_file_reader.hpp"

namespace mbh::models {
namespace {

// A map file nests four levels; deeper nesting is refused while scanning, before anything
// walks it.
constexpr std::size_t kMaxNesting = 32;

MapFileError error_at(std::string_view text, std::string_view file, std::size_t offset,
                      std::string field, std::string message) {
  const TextPosition position = position_at(text, offset);
  return MapFileError{std::string(file), position.line, position.column, std::move(field),
                      std::move(message)};
}

Failure<MapFileError> unreadable(const std::filesystem::path& path, std::string message) {
  return fail(MapFileError{path.string(), 0, 0, "", std::move(message)});
}

}  // namespace

std::string MapFileError::text() const {
  if (line == 0) return fmt::format("{}: {}", file, message);
  if (field.empty()) return fmt::format("{}:{}:{}: {}", file, line, column, message);
  return fmt::format("{}:{}:{}: {}: {}", file, line, column, field, message);
}

LoadedMapResult load_map_text(std::string_view text, std::string_view file_name) {
  auto positions = JsonPositions::scan(text, kMaxNesting, kMapFileDepth);
  if (!positions) {
    const auto error = positions.error();
    return fail(error_at(text, file_name, error.offset, "", error.message));
  }
  try {
    const auto root = nlohmann::json::parse(text);
    return read_map_json(root, positions.value());
  } catch (const MapFileFault& fault) {
    const std::size_t offset = fault.at == MapFileFault::At::kKey
                                   ? positions.value().key_offset(fault.located)
                                   : positions.value().value_offset(fault.located);
    return fail(error_at(text, file_name, offset, fault.field, fault.message));
  } catch (const nlohmann::json::exception& e) {
    // The scan accepted the text, so the parser should too; kept so that nothing escapes.
    return fail(error_at(text, file_name, 0, "", fmt::format("invalid JSON: {}", e.what())));
  }
}

LoadedMapResult load_map_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return unreadable(path, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return unreadable(path, fmt::format("cannot open: {}", std::strerror(errno)));
  // Read until past the limit rather than trust a size: a pipe has none.
  std::string text;
  std::array<char, 1 << 16> chunk{};
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxMapFileBytes) {
      return unreadable(path, fmt::format("larger than {} MiB (a map file is a few dozen KiB)",
                                          kMaxMapFileBytes >> 20));
    }
  }
  if (in.bad()) return unreadable(path, fmt::format("cannot read: {}", std::strerror(errno)));
  return load_map_text(text, path.string());
}

}  // namespace mbh::models
