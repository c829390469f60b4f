#include "models/map_file_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "models/map_catalog.hpp"
#include "models/map_file_fault.hpp"
#include "models/model_text.hpp"

namespace mbh::models {
namespace {

// Widened, so that a row ending at 65535 does not wrap.
std::size_t last_address(const RegisterRow& row) {
  return std::size_t{row.address} + row.type.register_count() - 1;
}

std::size_t index_of(const RegisterMap& map, const RegisterRow& row) {
  return static_cast<std::size_t>(&row - map.rows.data());
}

std::string described(const RegisterMap& map, const RegisterRow& row) {
  return fmt::format("rows[{}] \"{}\" ({} {}..{})", index_of(map, row), row.name,
                     space_name(row.space), row.address, last_address(row));
}

std::string described(const RegisterMap& map, const Block& block) {
  return fmt::format("blocks[{}] \"{}\" ({} {}..{})", &block - map.blocks.data(), block.name,
                     space_name(block.space), block.first, block.last);
}

std::string row_field(const RegisterMap& map, const RegisterRow& row, const char* key) {
  return fmt::format("rows[{}].{}", index_of(map, row), key);
}

void check_rows_apart(const RegisterMap& map) {
  for (const auto& sorted : map.rows_by_address) {
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      // Sorted by address: a row overlapping any earlier one overlaps the one just before.
      const RegisterRow& before = *sorted[i - 1];
      const RegisterRow& row = *sorted[i];
      if (row.address > last_address(before)) continue;
      const bool row_later = index_of(map, row) > index_of(map, before);
      const RegisterRow& later = row_later ? row : before;
      const RegisterRow& earlier = row_later ? before : row;
      refuse(row_field(map, later, "address"),
             fmt::format("{} overlaps {}", described(map, later), described(map, earlier)));
    }
  }
}

// The blocks of each space, sorted by first address, after checking that none overlap.
std::array<std::vector<const Block*>, 2> blocks_apart(const RegisterMap& map) {
  std::array<std::vector<const Block*>, 2> by_space;
  for (const Block& block : map.blocks)
    by_space.at(static_cast<std::size_t>(block.space)).push_back(&block);
  for (auto& sorted : by_space) {
    std::ranges::stable_sort(sorted, {}, &Block::first);
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      const Block* before = sorted[i - 1];
      const Block* block = sorted[i];
      if (block->first > before->last) continue;
      const Block* later = block > before ? block : before;
      const Block* earlier = block > before ? before : block;
      refuse(fmt::format("blocks[{}].first", later - map.blocks.data()),
             fmt::format("{} overlaps {}", described(map, *later), described(map, *earlier)));
    }
  }
  return by_space;
}

void check_rows_in_blocks(const RegisterMap& map) {
  const auto by_space = blocks_apart(map);
  std::vector<bool> holds_a_row(map.blocks.size(), false);
  for (const RegisterRow& row : map.rows) {
    const auto& blocks = by_space.at(static_cast<std::size_t>(row.space));
    // The last block starting at or before the row is the only one that can hold it.
    const auto after = std::ranges::upper_bound(blocks, row.address, {}, &Block::first);
    const Block* block = after == blocks.begin() ? nullptr : *std::prev(after);
    if (block == nullptr || row.address > block->last) {
      refuse(row_field(map, row, "address"),
             fmt::format("{} lies in no block (expected every row inside a block of its space)",
                         described(map, row)));
    }
    if (last_address(row) > block->last) {
      refuse(row_field(map, row, "address"),
             fmt::format("{} runs past the end of {} (expected every row inside one block)",
                         described(map, row), described(map, *block)));
    }
    holds_a_row.at(static_cast<std::size_t>(block - map.blocks.data())) = true;
  }
  for (std::size_t i = 0; i < map.blocks.size(); ++i) {
    if (!holds_a_row[i]) {
      refuse(fmt::format("blocks[{}]", i),
             fmt::format("{} holds no row (expected at least one row in every block)",
                         described(map, map.blocks[i])));
    }
  }
}

// The row of `space` that starts at `address`, or null.
const RegisterRow* row_starting(const RegisterMap& map, Space space, std::uint16_t address) {
  const RegisterRow* row = row_at(map, space, address);
  return row != nullptr && row->address == address ? row : nullptr;
}

void check_configuration(const RegisterMap& map) {
  if (!map.configuration) return;
  const ConfigurationSequence& sequence = *map.configuration;
  const auto writable = [&map](const char* key, std::uint16_t address) {
    const RegisterRow* row = row_starting(map, Space::kHolding, address);
    if (row == nullptr || row->access != Access::kReadWrite) {
      refuse(fmt::format("configuration.{}", key),
             fmt::format("{} is not the address of an rw holding row (expected the register "
                         "written to {} a configuration)",
                         address, key));
    }
  };
  writable("begin", sequence.begin);
  writable("commit", sequence.commit);
  const auto reported = [&map](const char* key, std::uint16_t address) {
    if (row_starting(map, Space::kInput, address) == nullptr) {
      refuse(fmt::format("configuration.{}", key),
             fmt::format("{} is not the address of an input row (expected the register that "
                         "reports the configuration's {})",
                         address, key));
    }
  };
  reported("progress", sequence.progress);
  reported("result", sequence.result);
  if (sequence.last < sequence.first) {
    refuse("configuration.last", fmt::format("{} is before first {} (expected first <= last)",
                                             sequence.last, sequence.first));
  }
  // The range may run past the rows (Enapter's: every holding register after Commit), but a
  // range that holds no row configures nothing.
  const bool covers_a_row = std::ranges::any_of(map.rows, [&sequence](const RegisterRow& row) {
    return row.space == Space::kHolding && row.address >= sequence.first &&
           row.address <= sequence.last;
  });
  if (!covers_a_row) {
    refuse("configuration.first",
           fmt::format("{}..{} holds no holding row (expected the holding registers the "
                       "configuration covers)",
                       sequence.first, sequence.last));
  }
}

}  // namespace

void check_map_layout(const RegisterMap& map) {
  check_rows_apart(map);
  check_rows_in_blocks(map);
  check_configuration(map);
}

}  // namespace mbh::models
