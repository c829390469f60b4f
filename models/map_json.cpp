#include "models/map_json.hpp"

#include <string>

#include "models/command_register.hpp"
#include "models/model_text.hpp"
#include "models/rule_table.hpp"

namespace mbh::models {
namespace {

using nlohmann::ordered_json;

ordered_json row_json(const RegisterMap& map, const RegisterRow& row) {
  ordered_json j{{"space", space_name(row.space)},
                 {"address", row.address},
                 {"registers", row.type.register_count()},
                 {"name", row.name},
                 {"type", type_name(row.type)},
                 {"access", access_name(row.access)},
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
  if (row.access == Access::kReadWrite) {
    j["safety"] = safety_name(row.safety);
    j["safety_reason"] = row.safety_reason;
    if (row.command != command_by_default(row)) j["command"] = row.command;
    if (row.no_command) j["no_command"] = *row.no_command;
  }
  if (!row.rules_note.empty()) j["rules_note"] = row.rules_note;
  if (row.display != Display::kNumber) j["display"] = display_name(row.display);
  if (row.fixed) j["fixed"] = *row.fixed;
  if (row.nan_allowed) j["nan_allowed"] = true;
  if (!row.event_severities.empty()) j["event_severities"] = row.event_severities;
  if (row.type.has_word_order() && row.type.word_order != map.word_order) {
    j["word_order"] = word_order_name(row.type.word_order);
  }
  if (!row.note.empty()) j["note"] = row.note;
  return j;
}

ordered_json configuration_json(const ConfigurationSequence& sequence) {
  return ordered_json{{"begin", sequence.begin},       {"commit", sequence.commit},
                      {"progress", sequence.progress}, {"result", sequence.result},
                      {"first", sequence.first},       {"last", sequence.last}};
}

}  // namespace

std::string_view structure_name(ModelStructure structure) {
  return structure == ModelStructure::kSunSpec ? "sunspec" : "none";
}

ordered_json map_summary_json(const RegisterMap& map) {
  return ordered_json{{"id", map.id},
                      {"title", map.title},
                      {"document", map.document},
                      {"port", map.port},
                      {"units", {map.first_unit, map.last_unit}},
                      {"default_unit", default_unit(map)},
                      {"rows", map.rows.size()},
                      {"blocks", map.blocks.size()}};
}

ordered_json map_json(const RegisterMap& map) {
  // The summary's "rows" and "blocks" counts are replaced in place by the lists themselves.
  ordered_json j = map_summary_json(map);
  ordered_json blocks = ordered_json::array();
  for (const auto& b : map.blocks) {
    blocks.push_back(
        {{"space", space_name(b.space)}, {"first", b.first}, {"last", b.last}, {"name", b.name}});
  }
  j["blocks"] = std::move(blocks);
  ordered_json rules = ordered_json::array();
  for (const auto& r : map.rules) {
    rules.push_back(
        {{"rule", rule_name(r.rule)},
         {"level", r.level ? ordered_json(level_name(*r.level)) : ordered_json(nullptr)},
         {"cell", r.cell}});
  }
  j["rules"] = std::move(rules);
  ordered_json rows = ordered_json::array();
  for (const auto& row : map.rows)
    rows.push_back(row_json(map, row));
  j["rows"] = std::move(rows);
  if (!map.functions.empty()) {
    ordered_json functions = ordered_json::array();
    for (const std::uint8_t code : map.functions)
      functions.push_back(code);
    j["functions"] = std::move(functions);
  }
  if (map.configuration) j["configuration"] = configuration_json(*map.configuration);
  if (map.structure != ModelStructure::kNone) j["structure"] = structure_name(map.structure);
  if (map.answers_any_unit) j["answers_any_unit"] = true;
  if (!map.simulation.empty()) j["simulation"] = map.simulation;
  if (map.word_order != codec::WordOrder::kHighFirst) {
    j["word_order"] = word_order_name(map.word_order);
  }
  if (!map.note.empty()) j["note"] = map.note;
  return j;
}

}  // namespace mbh::models
