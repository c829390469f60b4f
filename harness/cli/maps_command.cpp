#include "harness/cli/maps_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>
#include <ostream>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/map_argument.hpp"
#include "models/map_catalog.hpp"
#include "models/map_file_text.hpp"
#include "models/map_json.hpp"
#include "models/model_text.hpp"
#include "models/rule_table.hpp"

namespace mbh::cli {
namespace {

using nlohmann::ordered_json;

void print_list(std::ostream& out) {
  out << fmt::format("{:<14} {:>5} {:>9} {:>5}  {}\n", "map", "port", "units", "rows", "title");
  for (const auto* map : models::all_maps()) {
    out << fmt::format("{:<14} {:>5} {:>9} {:>5}  {}\n", map->id, map->port,
                       fmt::format("{}..{}", map->first_unit, map->last_unit), map->rows.size(),
                       map->title);
  }
  out << "\n`mbharness maps NAME` shows one model row by row; --json for machines.\n";
}

std::string values_text(const models::RegisterRow& row) {
  std::string text;
  for (const auto& e : row.enums) {
    text += fmt::format("{}{}={}", text.empty() ? "" : ", ", e.value, e.name);
  }
  for (const auto& b : row.bits) {
    text += fmt::format("{}bit{}={}", text.empty() ? "" : ", ", b.bit, b.name);
  }
  return text;
}

// What a run does with a command register: never writes an order back, puts back the value
// that orders nothing.
std::string command_text(const models::RegisterRow& row) {
  if (!row.command) return "";
  const std::string_view named = row.safety == models::SafetyClass::kCommand ? "" : ", command";
  if (!row.no_command) return std::string(named);
  return fmt::format("{}; no command = {}", named, *row.no_command);
}

void print_model(const models::RegisterMap& map, std::ostream& out) {
  out << map.id << (map.document.empty() ? "" : fmt::format(" ({})", map.document)) << '\n';
  if (!map.title.empty()) out << map.title << '\n';
  out << fmt::format(
      "port {}, units {}..{} (default {}); numbers of several registers {} word "
      "first\n\n",
      map.port, map.first_unit, map.last_unit, models::default_unit(map),
      map.word_order == codec::WordOrder::kLowFirst ? "low" : "high");
  const models::Block* block = nullptr;
  for (const auto& row : map.rows) {
    const models::Block* here = models::block_of(map, row.space, row.address);
    if (here != block && here != nullptr) {
      out << fmt::format("-- {} block '{}' {}..{}\n", models::space_name(here->space), here->name,
                         here->first, here->last);
      block = here;
    }
    std::string line = fmt::format("{:>6} 0x{:04X}  {:<40} {:<11} {:<2} {:<8} {:>8} {:>5}",
                                   row.address, row.address, row.name, models::type_name(row.type),
                                   models::access_name(row.access), row.units,
                                   fmt::format("{:g}", row.scale), fmt::format("{:g}", row.offset));
    if (row.access == models::Access::kReadWrite) {
      line += fmt::format("  [{}{}]", models::safety_name(row.safety), command_text(row));
    }
    if (row.type.has_word_order() && row.type.word_order != map.word_order) {
      line += row.type.word_order == codec::WordOrder::kLowFirst ? "  low word first"
                                                                 : "  high word first";
    }
    out << line << '\n';
    if (const auto values = values_text(row); !values.empty()) {
      out << fmt::format("{:>16}{}\n", "", values);
    }
    if (!row.rules_note.empty()) out << fmt::format("{:>16}RULES.md: {}\n", "", row.rules_note);
  }
  out << "\nrules:\n";
  for (const auto& r : map.rules) {
    out << fmt::format("  {:<16} {:<7} {}\n", models::rule_name(r.rule),
                       r.level ? models::level_name(*r.level) : "n/a", r.cell);
  }
}

}  // namespace

void setup_maps(CLI::App& app, MapsOptions& options) {
  auto* maps =
      app.add_subcommand("maps", "List the register maps; with a name, show its model row by row");
  maps->add_option(
      "name", options.name,
      "a map id (" + known_map_ids() +
          ") or a map file: shown row by row, or checked and printed back with --json");
  maps->add_flag("--json", options.json,
                 "Print JSON: the list, or the model with its rows, blocks and rules");
}

int run_maps(const MapsOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.name) {
    if (options.json) {
      ordered_json maps = ordered_json::array();
      for (const auto* map : models::all_maps())
        maps.push_back(models::map_summary_json(*map));
      out << ordered_json{{"maps", maps}}.dump(2) << '\n';
    } else {
      print_list(out);
    }
    return kOk;
  }
  const auto resolved = resolve_map(*options.name);
  if (!resolved) {
    err << fmt::format("mbharness maps: {}\n", resolved.error());
    return kUsage;
  }
  const models::RegisterMap* map = resolved.value();
  if (options.json) {
    out << models::map_file_text(*map);
  } else {
    print_model(*map, out);
  }
  return kOk;
}

}  // namespace mbh::cli
