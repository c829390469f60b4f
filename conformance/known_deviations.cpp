#include "conformance/known_deviations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <span>

#include "conformance/check_id.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/request_codec.hpp"
#include "models/model_text.hpp"

namespace mbh::conformance {
namespace {

using models::Space;

struct Word {
  std::string_view text;
  std::size_t column = 0;  // 1-based
};

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && blank(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && blank(text.back()))
    text.remove_suffix(1);
  return text;
}

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (blank(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && !blank(text[i]))
      ++i;
    words.push_back({text.substr(start, i - start), start + 1});
  }
  return words;
}

bool id_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '~';
}

std::string rule_names() {
  std::string names;
  for (std::size_t i = 0; i < models::kRuleCount; ++i) {
    names += (i == 0 ? "" : ", ") + std::string(models::rule_name(static_cast<models::RuleId>(i)));
  }
  return names;
}

Result<DeviationLine, DeviationError> parse_line(std::size_t number, std::string_view line) {
  const auto error = [number](const Word& word, std::string message) {
    return fail(DeviationError{number, word.column, std::move(message)});
  };
  const std::size_t hash = line.find('#');
  const std::string_view body = line.substr(0, hash);
  DeviationLine out;
  out.source.line = number;
  out.source.text = std::string(trimmed(line));
  if (hash != std::string_view::npos)
    out.source.reason = std::string(trimmed(line.substr(hash + 1)));
  const std::vector<Word> words = words_of(body);
  const Word& first = words.front();
  if (first.text.starts_with("R-")) {
    const auto rule = models::parse_rule(first.text);
    if (!rule) {
      return error(first,
                   fmt::format("unknown rule '{}': RULES.md defines {}", first.text, rule_names()));
    }
    RuleDeviation deviation{*rule, std::nullopt, std::nullopt};
    if (words.size() >= 2) {
      const Word& space = words[1];
      if (space.text == "holding") {
        deviation.space = Space::kHolding;
      } else if (space.text == "input") {
        deviation.space = Space::kInput;
      } else {
        return error(space, fmt::format("'{}' after the rule: expected 'holding ADDRESS' or "
                                        "'input ADDRESS', or nothing",
                                        space.text));
      }
      if (words.size() < 3) {
        return error(space, fmt::format("'{}' without an address: expected '{} ADDRESS'",
                                        space.text, space.text));
      }
      const Word& address = words[2];
      unsigned value = 0;
      const auto* end = address.text.data() + address.text.size();
      const auto [ptr, ec] = std::from_chars(address.text.data(), end, value);
      if (ec != std::errc{} || ptr != end || value > 0xFFFF) {
        return error(address, fmt::format("address '{}': expected a protocol address, 0 to 65535",
                                          address.text));
      }
      deviation.address = static_cast<std::uint16_t>(value);
      if (words.size() > 3) {
        return error(words[3],
                     fmt::format("'{}' after the address: a reason goes after '#'", words[3].text));
      }
    }
    out.match = deviation;
    return out;
  }
  std::string upper(first.text);
  std::ranges::transform(upper, upper.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  });
  if (models::parse_rule(upper)) {
    return error(first,
                 fmt::format("'{}': rule ids are written in upper case ({})", first.text, upper));
  }
  if (const auto bad = std::ranges::find_if_not(first.text, id_character);
      bad != first.text.end()) {
    return error(first, fmt::format("'{}' is neither a rule (R-...) nor a check id: ids hold "
                                    "lower-case letters, digits, '-', '.' and '~'",
                                    first.text));
  }
  if (words.size() > 1) {
    return error(words[1], fmt::format("'{}' after the id '{}': an id line holds one id, and a "
                                       "reason goes after '#'",
                                       words[1].text, first.text));
  }
  out.match = IdDeviation{std::string(first.text)};
  return out;
}

struct RegisterSpan {
  Space space;
  std::uint32_t first;
  std::uint32_t count;
  bool holds(Space s, std::uint16_t address) const {
    return s == space && address >= first && address < first + count;
  }
};

// The registers a request reads or writes, where it is a register request well formed enough
// to say (a request malformed on purpose names only its check's address).
std::vector<RegisterSpan> spans_of(std::span<const std::byte> adu) {
  if (adu.size() <= codec::kMbapSize) return {};
  const auto request = codec::decode_request(adu.subspan(codec::kMbapSize));
  if (!request) return {};
  return std::visit(
      [](const auto& r) -> std::vector<RegisterSpan> {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, codec::ReadHoldingRegistersRequest>) {
          return {{Space::kHolding, r.address, r.quantity}};
        } else if constexpr (std::is_same_v<T, codec::ReadInputRegistersRequest>) {
          return {{Space::kInput, r.address, r.quantity}};
        } else if constexpr (std::is_same_v<T, codec::WriteSingleRegisterRequest> ||
                             std::is_same_v<T, codec::MaskWriteRegisterRequest>) {
          return {{Space::kHolding, r.address, 1}};
        } else if constexpr (std::is_same_v<T, codec::WriteMultipleRegistersRequest>) {
          return {{Space::kHolding, r.address, static_cast<std::uint32_t>(r.values.size())}};
        } else if constexpr (std::is_same_v<T, codec::ReadWriteMultipleRegistersRequest>) {
          return {{Space::kHolding, r.read_address, r.read_quantity},
                  {Space::kHolding, r.write_address, static_cast<std::uint32_t>(r.values.size())}};
        } else {
          return {};
        }
      },
      request.value());
}

bool matches(const RuleDeviation& line, const CheckRecord& check) {
  if (line.rule != check.rule) return false;
  if (!line.address) return true;
  if (check.space == line.space && check.address == line.address) return true;
  return std::ranges::any_of(spans_of(check.request), [&](const RegisterSpan& span) {
    return span.holds(*line.space, *line.address);
  });
}

bool matches(const DeviationLine& line, const CheckRecord& check) {
  if (const auto* id = std::get_if<IdDeviation>(&line.match)) return id->id == check.id;
  return matches(std::get<RuleDeviation>(line.match), check);
}

bool checked_rule(const RunReport& report, const DeviationLine& line) {
  const auto* rule = std::get_if<RuleDeviation>(&line.match);
  return rule == nullptr || report.options.only.empty() ||
         std::ranges::find(report.options.only, rule->rule) != report.options.only.end();
}

bool ran_to_its_end(const RunReport& report) {
  return report.complete && !report.interrupted && !report.unreachable && !report.stopped;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  std::ranges::replace_if(
      out, [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

}  // namespace

Result<KnownDeviations, DeviationError> parse_known_deviations(std::string_view text) {
  KnownDeviations deviations;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const std::string_view content = trimmed(line);
    if (content.empty() || content.front() == '#') continue;
    if (line.find('\0') != std::string_view::npos) {
      return fail(DeviationError{number, line.find('\0') + 1, "a NUL byte: not a text file"});
    }
    auto parsed = parse_line(number, line);
    if (!parsed) return fail(parsed.error());
    deviations.lines.push_back(std::move(parsed).value());
  }
  return deviations;
}

void apply_known_deviations(RunReport& report, const KnownDeviations& deviations) {
  report.xpass.clear();
  std::vector<bool> matched(deviations.lines.size(), false);
  for (CheckRecord& check : report.checks) {
    check.known.reset();
    if (check.status != models::Status::kFail && check.status != models::Status::kWarn) continue;
    for (std::size_t i = 0; i < deviations.lines.size(); ++i) {
      if (!matches(deviations.lines[i], check)) continue;
      matched[i] = true;
      if (!check.known) check.known = deviations.lines[i].source;
    }
  }
  if (!ran_to_its_end(report)) return;
  for (std::size_t i = 0; i < deviations.lines.size(); ++i) {
    if (!matched[i] && checked_rule(report, deviations.lines[i])) {
      report.xpass.push_back(deviations.lines[i].source);
    }
  }
}

std::string known_deviations_text(const RunReport& report) {
  std::string text = fmt::format(
      "# Known deviations of {} at {} (unit {}),\n"
      "# written by mbharness {} conform --write-expect on {}.\n"
      "# Give this file to --expect: the checks it names then report xfail and do not fail\n"
      "# the run; a line that no failure matches any more reports xpass and fails it.\n"
      "# One check id a line, or a rule (R-ENUM), or a rule and a register (R-ENUM holding 68);\n"
      "# what follows '#' is the reason.\n",
      one_line(report.map), one_line(report.target), report.unit, one_line(report.version),
      report.started.empty() ? std::string("an unknown date") : one_line(report.started));
  if (!ran_to_its_end(report)) {
    text += "# The run did not run to its end: checks it did not reach are not listed.\n";
  }
  std::size_t listed = 0;
  for (const CheckRecord& check : report.checks) {
    if (check.status != models::Status::kFail && check.status != models::Status::kWarn) continue;
    const std::string where = check.address
                                  ? fmt::format(" {} {}",
                                                check.space ? models::space_name(*check.space)
                                                            : std::string_view("register"),
                                                *check.address)
                                  : std::string();
    text += fmt::format("{}  # {} {}{}: {}\n", check.id, models::rule_name(check.rule),
                        models::level_name(check.level), where, one_line(check.message));
    ++listed;
  }
  if (listed == 0) text += "# No failures and no warnings: nothing to expect.\n";
  return text;
}

}  // namespace mbh::conformance
