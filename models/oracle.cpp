#include "models/oracle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <variant>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"
#include "models/address_range.hpp"
#include "models/known_state.hpp"
#include "models/map_catalog.hpp"

namespace mbh::models {
namespace {

using codec::ExceptionCode;

bool has_space(const RegisterMap& map, Space space) {
  return std::ranges::any_of(map.rows, [space](const RegisterRow& r) { return r.space == space; });
}

Outcome exception(ExceptionCode code, Status status) {
  return Outcome{OutcomeKind::kException, status, code, std::nullopt, ""};
}
Outcome data(Status status, std::string_view label = "") {
  return Outcome{OutcomeKind::kData, status, ExceptionCode::kIllegalFunction, std::nullopt, label};
}
Outcome any_exception(Status status) {
  return Outcome{OutcomeKind::kAnyException, status, ExceptionCode::kIllegalFunction, std::nullopt,
                 ""};
}

Status otherwise_for(Level level) {
  return level == Level::kShould ? Status::kWarn : Status::kFail;
}

// A rule whose only good outcome is one exception code; SHOULD rules pass it and warn on
// the rest, EITHER rules accept it or the data (`data_label`).
Expectation exception_rule(RuleId rule, Level level, ExceptionCode code,
                           std::string_view data_label, std::optional<std::uint16_t> address,
                           std::string reason) {
  Expectation e{rule, level, address, {}, otherwise_for(level), std::move(reason)};
  if (level == Level::kEither) {
    e.outcomes = {exception(code, Status::kEither), data(Status::kEither, data_label)};
  } else {
    e.outcomes = {exception(code, Status::kPass)};
  }
  return e;
}

std::string range_text(std::uint16_t first, std::uint32_t quantity) {
  if (quantity <= 1) return std::to_string(first);
  return fmt::format("{}..{}", first, std::uint32_t{first} + quantity - 1);
}

std::string row_text(const RegisterRow& row) {
  return fmt::format("'{}' ({}..{})", row.name, row.address,
                     row.address + row.type.register_count() - 1);
}

Expectation expect_unit(const Target& target, std::uint8_t unit) {
  Expectation e{
      RuleId::kUnit,
      Level::kEither,
      std::nullopt,
      {},
      Status::kFail,
      fmt::format("unit {} is not served (the device answers as unit {})", unit, target.unit)};
  e.outcomes = {
      Outcome{OutcomeKind::kNoAnswer, Status::kEither, ExceptionCode::kIllegalFunction,
              std::nullopt, "no answer"},
      exception(ExceptionCode::kGatewayPathUnavailable, Status::kEither),
      exception(ExceptionCode::kGatewayTargetFailedToRespond, Status::kEither),
  };
  if (target.map->answers_any_unit) {
    e.outcomes.push_back(Outcome{OutcomeKind::kAnyAnswer, Status::kEither,
                                 ExceptionCode::kIllegalFunction, std::nullopt,
                                 "a normal answer as unit 1"});
  }
  return e;
}

Expectation expect_unsupported(std::uint8_t function) {
  return Expectation{RuleId::kFunction,
                     Level::kMust,
                     std::nullopt,
                     {exception(ExceptionCode::kIllegalFunction, Status::kPass)},
                     Status::kFail,
                     fmt::format("function {:02X} ({}) is not implemented", function,
                                 codec::function_name(function))};
}

// A function the map says the device implements beyond the four register functions: what it
// answers is the device's own business, so long as it answers (a normal answer or an exception).
Expectation expect_unmodelled(std::uint8_t function) {
  return Expectation{
      RuleId::kFunction,
      Level::kMust,
      std::nullopt,
      {Outcome{OutcomeKind::kAnyAnswer, Status::kPass, ExceptionCode::kIllegalFunction,
               std::nullopt, "any answer, normal or exception"}},
      Status::kFail,
      fmt::format("function {:02X} ({}) is implemented (the map's functions); "
                  "the harness does not model what it answers",
                  function, codec::function_name(function))};
}

// The address rules (R-GAP, R-PARTIAL-32, R-BOUNDARY, R-PARTIAL-OTHER) that a range breaks;
// when several do, the strictest level decides, and in that order among equals.
std::optional<Expectation> expect_address(const RegisterMap& map, Space space, std::uint16_t first,
                                          std::uint32_t quantity, std::string_view verb) {
  const RangeAnalysis range = analyse_range(map, space, first, quantity);
  std::vector<Expectation> broken;
  auto level = [&map](RuleId rule) { return level_of(map, rule); };
  const std::string what = fmt::format("{} of {}", verb, range_text(first, quantity));
  if (range.gap) {
    if (auto l = level(RuleId::kGap)) {
      auto e = exception_rule(
          RuleId::kGap, *l, ExceptionCode::kIllegalDataAddress, "data",
          static_cast<std::uint16_t>(std::min<std::uint32_t>(*range.gap, 0xFFFF)),
          fmt::format("{} touches address {}, which no row defines", what, *range.gap));
      if (*l == Level::kShould) {  // RULES.md: Enapter R-GAP "02; zeros give a warning"
        Outcome zeros = data(Status::kWarn, "zeros");
        zeros.values = std::vector<std::uint16_t>(quantity, 0);
        e.outcomes.push_back(zeros);
      }
      broken.push_back(std::move(e));
    }
  }
  if (range.split_32) {
    if (auto l = level(RuleId::kPartial32)) {
      broken.push_back(exception_rule(
          RuleId::kPartial32, *l, ExceptionCode::kIllegalDataAddress, "the raw halves",
          range.split_32->address,
          fmt::format("{} splits the 32-bit value {}", what, row_text(*range.split_32))));
    }
  }
  if (range.crossed_from) {
    if (auto l = level(RuleId::kBoundary)) {
      broken.push_back(
          exception_rule(RuleId::kBoundary, *l, ExceptionCode::kIllegalDataAddress, "the data",
                         range.crossed_to->first,
                         fmt::format("{} crosses from block '{}' into block '{}'", what,
                                     range.crossed_from->name, range.crossed_to->name)));
    }
  }
  if (range.split_other) {
    if (auto l = level(RuleId::kPartialOther)) {
      broken.push_back(
          exception_rule(RuleId::kPartialOther, *l, ExceptionCode::kIllegalDataAddress,
                         "the raw registers", range.split_other->address,
                         fmt::format("{} splits {}", what, row_text(*range.split_other))));
    }
  }
  if (broken.empty()) return std::nullopt;
  // stable: among equal levels the order above stands
  std::ranges::stable_sort(broken, {}, [](const Expectation& e) { return e.level; });
  return std::move(broken.front());
}

std::optional<std::uint16_t> lookup(
    const std::map<std::pair<Space, std::uint16_t>, std::uint16_t>& values, Space space,
    std::uint32_t address) {
  const auto it = values.find({space, static_cast<std::uint16_t>(address)});
  if (it == values.end()) return std::nullopt;
  return it->second;
}

Expectation expect_valid_read(const RegisterMap& map, Space space, std::uint16_t first,
                              std::uint16_t quantity, const KnownState& state) {
  // What the state knows of the range: committed values, and staged ones (Enapter, between
  // Configuration Begin and Commit).
  bool any_committed = false;
  bool any_staged = false;
  bool all_known = true;
  std::vector<std::uint16_t> committed;
  std::vector<std::uint16_t> staged;
  for (std::uint32_t a = first; a < std::uint32_t{first} + quantity; ++a) {
    const auto c = lookup(state.committed, space, a);
    const bool stageable = space == Space::kHolding && state.configuration_open &&
                           is_configuration_register(map, static_cast<std::uint16_t>(a));
    const auto s = stageable ? lookup(state.staged, space, a) : std::nullopt;
    any_committed = any_committed || c.has_value();
    any_staged = any_staged || s.has_value();
    all_known = all_known && (c.has_value() || s.has_value());
    committed.push_back(c.value_or(s.value_or(0)));
    staged.push_back(s.value_or(c.value_or(0)));
  }
  const std::string what = fmt::format("read of {}", range_text(first, quantity));
  if (any_staged && all_known && !any_committed) {
    // Staged values whose committed value the run does not know: only the data shape.
    any_staged = false;
  }
  if (any_staged && all_known) {
    Outcome as_staged = data(Status::kEither, "the staged value");
    as_staged.values = staged;
    Outcome as_committed = data(Status::kEither, "the committed value");
    as_committed.values = committed;
    return Expectation{RuleId::kConfig,
                       Level::kMust,
                       first,
                       {as_staged, as_committed},
                       Status::kFail,
                       what +
                           " between Configuration Begin and Commit reads the staged or the "
                           "committed value"};
  }
  if (any_committed && all_known) {
    Outcome known = data(Status::kPass, "the value written");
    known.values = committed;
    return Expectation{RuleId::kReadback, Level::kMust,  first,
                       {known},           Status::kFail, what + " reads back what was written"};
  }
  return Expectation{
      RuleId::kValidRead,
      Level::kMust,
      first,
      {data(Status::kPass)},
      Status::kFail,
      fmt::format("{} lies within one block and splits no value: {} registers", what, quantity)};
}

Expectation expect_read(const RegisterMap& map, Space space, std::uint16_t first,
                        std::uint16_t quantity, const KnownState& state) {
  if (auto broken = expect_address(map, space, first, quantity, "read")) return *broken;
  return expect_valid_read(map, space, first, quantity, state);
}

bool in_enum(const RegisterRow& row, std::uint16_t value) {
  return std::ranges::any_of(row.enums, [value](const EnumEntry& e) { return e.value == value; });
}

Expectation expect_write(const RegisterMap& map, std::uint16_t first,
                         std::span<const std::uint16_t> values, const KnownState& state) {
  const auto quantity = static_cast<std::uint32_t>(values.size());
  if (auto broken = expect_address(map, Space::kHolding, first, quantity, "write")) {
    return *broken;
  }
  const std::string what = fmt::format("write of {}", range_text(first, quantity));
  for (std::uint32_t a = first; a < first + quantity; ++a) {
    const RegisterRow* row = row_at(map, Space::kHolding, static_cast<std::uint16_t>(a));
    if (row->access == Access::kRead) {
      // RULES.md R-READONLY: SHOULD for answering with an exception, EITHER for which code;
      // the value staying unchanged (MUST) is a read-back of its own.
      return Expectation{RuleId::kReadonly,
                         Level::kShould,
                         row->address,
                         {exception(ExceptionCode::kIllegalDataAddress, Status::kEither),
                          exception(ExceptionCode::kServerDeviceFailure, Status::kEither)},
                         Status::kWarn,
                         fmt::format("{} touches the read-only register {}", what, row_text(*row))};
    }
  }
  if (const auto& sequence = map.configuration) {
    const std::uint32_t end = std::uint32_t{first} + quantity;  // one past the last
    const auto touches = [&](std::uint32_t a) { return a >= first && a < end; };
    if (touches(sequence->begin) || touches(sequence->commit)) {
      return Expectation{
          RuleId::kConfig, Level::kMust,
          first,           {data(Status::kPass, "the echo")},
          Status::kFail,   what + " writes Configuration Begin/Commit, which the device accepts"};
    }
    const bool covered = first <= sequence->last && end > sequence->first;
    if (covered && !state.configuration_open) {
      return Expectation{
          RuleId::kConfig,
          Level::kEither,
          first,
          {data(Status::kEither, "accepted, without effect"), any_exception(Status::kEither)},
          Status::kFail,
          what + " writes a configuration register outside Begin/Commit"};
    }
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto address = static_cast<std::uint16_t>(first + i);
    const RegisterRow* row = row_at(map, Space::kHolding, address);
    if (row->type.register_count() == 1 && !row->enums.empty() && !in_enum(*row, values[i])) {
      return Expectation{RuleId::kEnum,
                         Level::kEither,
                         address,
                         {data(Status::kEither, "accepted"), any_exception(Status::kEither)},
                         Status::kFail,
                         fmt::format("{} puts {} into {}, outside its listed values", what,
                                     values[i], row_text(*row))};
    }
  }
  return Expectation{RuleId::kReadback,
                     Level::kMust,
                     first,
                     {data(Status::kPass, "the echo")},
                     Status::kFail,
                     fmt::format("{} of valid values to writable registers is accepted", what)};
}

Expectation expect_implemented(const RegisterMap& map, const codec::Request& request,
                               const KnownState& state) {
  return std::visit(
      [&](const auto& r) -> Expectation {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, codec::ReadHoldingRegistersRequest>) {
          return expect_read(map, Space::kHolding, r.address, r.quantity, state);
        } else if constexpr (std::is_same_v<T, codec::ReadInputRegistersRequest>) {
          return expect_read(map, Space::kInput, r.address, r.quantity, state);
        } else if constexpr (std::is_same_v<T, codec::WriteSingleRegisterRequest>) {
          const std::uint16_t value[] = {r.value};
          return expect_write(map, r.address, value, state);
        } else if constexpr (std::is_same_v<T, codec::WriteMultipleRegistersRequest>) {
          return expect_write(map, r.address, r.values.span(), state);
        } else {
          return expect_unsupported(codec::to_byte(T::kFunction));
        }
      },
      request);
}

// RULES.md R-FUNCTION, Conext maps: FC 04 is EITHER 01, or answered as FC 03 would be.
Expectation expect_input_read_as_holding(Expectation as_holding) {
  Expectation e{RuleId::kFunction,
                Level::kEither,
                as_holding.address,
                {exception(ExceptionCode::kIllegalFunction, Status::kEither)},
                Status::kFail,
                "function 04 on a device without input registers: exception 01, or the answer "
                "function 03 gets (" +
                    as_holding.reason + ")"};
  for (Outcome o : as_holding.outcomes) {
    o.status = Status::kEither;
    e.outcomes.push_back(std::move(o));
  }
  return e;
}

Expectation expect_malformed(const RegisterMap& map, codec::DecodeError error) {
  const auto answer = codec::exception_for(error.code).value_or(ExceptionCode::kIllegalDataValue);
  const std::string why = fmt::format("the request is malformed: {} (byte {})",
                                      codec::message(error.code), error.offset);
  switch (answer) {
    case ExceptionCode::kIllegalFunction:
      return Expectation{RuleId::kFunction, Level::kMust,
                         std::nullopt,      {exception(answer, Status::kPass)},
                         Status::kFail,     why};
    case ExceptionCode::kIllegalDataAddress: {
      auto e = exception_rule(RuleId::kGap, level_of(map, RuleId::kGap).value_or(Level::kMust),
                              answer, "data", std::nullopt, why);
      return e;
    }
    default:
      return Expectation{
          RuleId::kQuantity, Level::kMust,
          std::nullopt,      {exception(ExceptionCode::kIllegalDataValue, Status::kPass)},
          Status::kFail,     why};
  }
}

bool is_holding_only(const RegisterMap& map) {
  return !has_space(map, Space::kInput);
}

}  // namespace

bool modelled_function(std::uint8_t function) {
  return function == 0x03 || function == 0x04 || function == 0x06 || function == 0x10;
}

bool implements(const RegisterMap& map, std::uint8_t function) {
  if (!map.functions.empty())
    return std::ranges::find(map.functions, function) != map.functions.end();
  if (!modelled_function(function)) return false;
  return has_space(map, function == 0x04 ? Space::kInput : Space::kHolding);
}

Expectation expect_pdu(const Target& target, std::uint8_t unit, std::span<const std::byte> pdu,
                       const KnownState& state) {
  const RegisterMap& map = *target.map;
  if (unit != target.unit) return expect_unit(target, unit);
  if (pdu.empty()) {
    return expect_malformed(map, codec::DecodeError{codec::CodecError::kTruncated, 0});
  }
  const auto function = std::to_integer<std::uint8_t>(pdu[0]);
  const bool input_as_holding = function == 0x04 && is_holding_only(map);
  if (!implements(map, function) && !input_as_holding) return expect_unsupported(function);
  if (!input_as_holding && !modelled_function(function)) return expect_unmodelled(function);
  const auto request = codec::decode_request(pdu);
  if (input_as_holding) {
    if (!request) return expect_input_read_as_holding(expect_malformed(map, request.error()));
    const auto& read = std::get<codec::ReadInputRegistersRequest>(request.value());
    return expect_input_read_as_holding(
        expect_read(map, Space::kHolding, read.address, read.quantity, state));
  }
  if (!request) return expect_malformed(map, request.error());
  return expect_implemented(map, request.value(), state);
}

Expectation expect(const Target& target, std::uint8_t unit, const codec::Request& request,
                   const KnownState& state) {
  std::array<std::byte, codec::kMaxPduSize> pdu{};
  const auto size = codec::encode_request(request, pdu);
  return expect_pdu(target, unit, std::span<const std::byte>(pdu.data(), size.value()), state);
}

}  // namespace mbh::models
