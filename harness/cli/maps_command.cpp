#include "harness/cli/maps_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>
#include <ostream>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/map_names.hpp"
#include "models/map_catalog.hpp"
#include "models/model_text.hpp"
#include "models/rule_table.hpp"

namespace mbh::cli {
namespace {

using nlohmann::ordered_json;

ordered_json map_summary_json(const models::RegisterMap& map) {
  return ordered_json{{"id", map.id},
                      {"title", map.title},
                      {"document", map.document},
                      {"port", map.port},
                      {"units", {map.first_unit, map.last_unit}},
                      {"default_unit", map.first_unit},
                      {"rows", map.rows.size()},
                      {"blocks", map.blocks.size()}};
}

ordered_json row_json(const models::RegisterRow& row) {
  ordered_json j{{"space", models::space_name(row.space)},
                 {"address", row.address},
                 {"registers", row.type.register_count()},
                 {"name", row.name},
                 {"type", models::type_name(row.type)},
                 {"access", models::access_name(row.access)},
                 {"units", row.units},
                 {"scale", row.scale},
                 {"offset", row.offset}};
  if (!row.enums.empty()) {
    ordered_json values = ordered_json::object();
    for (const auto& e : row.enums)
      values[std::to_string(e.value)] = e.name;
    j["enum"] = std::move(values);
  }
  if (!row.bits.empty()) {
    ordered_json bits = ordered_json::object();
    for (const auto& b : row.bits)
      bits[std::to_string(b.bit)] = b.name;
    j["bits"] = std::move(bits);
  }
  if (row.access == models::Access::kReadWrite) {
    j["safety"] = models::safety_name(row.safety);
    j["safety_reason"] = row.safety_reason;
  }
  if (!row.rules_note.empty()) j["rules_note"] = row.rules_note;
  if (row.display != models::Display::kNumber) j["display"] = models::display_name(row.display);
  return j;
}

ordered_json model_json(const models::RegisterMap& map) {
  ordered_json j = map_summary_json(map);
  ordered_json blocks = ordered_json::array();
  for (const auto& b : map.blocks) {
    blocks.push_back({{"space", models::space_name(b.space)},
                      {"first", b.first},
                      {"last", b.last},
                      {"name", b.name}});
  }
  j["blocks"] = std::move(blocks);
  ordered_json rules = ordered_json::array();
  for (const auto& r : map.rules) {
    rules.push_back(
        {{"rule", models::rule_name(r.rule)},
         {"level", r.level ? ordered_json(models::level_name(*r.level)) : ordered_json(nullptr)},
         {"cell", r.cell}});
  }
  j["rules"] = std::move(rules);
  ordered_json rows = ordered_json::array();
  for (const auto& row : map.rows)
    rows.push_back(row_json(row));
  j["rows"] = std::move(rows);
  return j;
}

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

void print_model(const models::RegisterMap& map, std::ostream& out) {
  out << fmt::format("{} ({})\n{}\nport {}, units {}..{} (default {})\n\n", map.id, map.document,
                     map.title, map.port, map.first_unit, map.last_unit, map.first_unit);
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
      line += fmt::format("  [{}]", models::safety_name(row.safety));
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
  maps->add_option("name", options.name, "Map id: " + known_map_ids());
  maps->add_flag("--json", options.json,
                 "Print JSON: the list, or the model with its rows, blocks and rules");
}

int run_maps(const MapsOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.name) {
    if (options.json) {
      ordered_json maps = ordered_json::array();
      for (const auto* map : models::all_maps())
        maps.push_back(map_summary_json(*map));
      out << ordered_json{{"maps", maps}}.dump(2) << '\n';
    } else {
      print_list(out);
    }
    return kOk;
  }
  const models::RegisterMap* map = models::find_map(*options.name);
  if (map == nullptr) {
    err << fmt::format("mbharness maps: unknown map '{}' (known: {})\n", *options.name,
                       known_map_ids());
    return kUsage;
  }
  if (options.json) {
    out << model_json(*map).dump(2) << '\n';
  } else {
    print_model(*map, out);
  }
  return kOk;
}

}  // namespace mbh::cli
