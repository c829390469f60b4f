#include "conformance/check_id.hpp"

#include <fmt/format.h>

namespace mbh::conformance {
namespace {

bool kept(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Lower-case letters and digits; any run of anything else one '-', none at either end.
void append_slug(std::string& out, std::string_view text) {
  bool dash = false;
  const std::size_t start = out.size();
  for (const char raw : text) {
    const char c = lower(raw);
    if (kept(c)) {
      if (dash && out.size() > start) out += '-';
      out += c;
      dash = false;
    } else {
      dash = true;
    }
  }
}

}  // namespace

std::string check_id(models::RuleId rule, std::string_view name) {
  std::string_view rule_text = models::rule_name(rule);
  if (rule_text.starts_with("R-")) rule_text.remove_prefix(2);
  std::string id;
  append_slug(id, rule_text);
  const std::size_t rule_end = id.size();
  id += '.';
  append_slug(id, name);
  if (id.size() == rule_end + 1) id.pop_back();  // a name with nothing to keep
  return id;
}

std::pair<std::string, std::string> CheckIds::take(models::RuleId rule, std::string name) {
  std::string id = check_id(rule, name);
  const int n = ++seen_[id];
  if (n == 1) return {std::move(id), std::move(name)};
  // "~n" cannot come out of check_id(), so a suffixed id never meets a later plain one.
  return {fmt::format("{}~{}", id, n), fmt::format("{} ({})", name, n)};
}

}  // namespace mbh::conformance
