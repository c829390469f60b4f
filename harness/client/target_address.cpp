#include "harness/client/target_address.hpp"

#include <fmt/format.h>

#include <asio/ip/address_v4.hpp>
#include <asio/ip/address_v6.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <system_error>

namespace mbh::client {
namespace {

constexpr std::size_t kMaxHostName = 253;  // RFC 1035's limit on a name's text form

using Parsed = Result<TargetAddress, std::string>;

Failure<std::string> error(std::string_view what, std::string_view text) {
  return fail(
      fmt::format("{} in target '{}' (expected HOST[:PORT], e.g. 127.0.0.1:5020 or "
                  "[::1]:5020)",
                  what, text));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ipv6(std::string_view host) {
  std::error_code ignored;
  asio::ip::make_address_v6(std::string(host), ignored);
  return !ignored;
}

// A name's characters (letters, digits, '-', '.', '_'); digits and dots alone must make an
// IPv4 address, so that a typo like 127.0.0.300 is caught here and not by the resolver.
std::optional<std::string> host_problem(std::string_view host) {
  if (host.empty()) return "empty host";
  if (host.size() > kMaxHostName)
    return fmt::format("host name longer than {} characters", kMaxHostName);
  for (const char c : host) {
    const bool name_char = is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           c == '-' || c == '.' || c == '_';
    if (!name_char) return fmt::format("'{}' is not allowed in a host name", c);
  }
  if (std::ranges::all_of(host, [](char c) { return is_digit(c) || c == '.'; })) {
    std::error_code bad;
    asio::ip::make_address_v4(std::string(host), bad);
    if (bad) return fmt::format("'{}' is not an IPv4 address", host);
  }
  return std::nullopt;
}

// The text after a colon: 1..65535.
Result<std::uint16_t, std::string> parse_port(std::string_view digits) {
  if (digits.empty()) return fail(std::string("missing port after ':'"));
  if (!std::ranges::all_of(digits, is_digit)) {
    return fail(fmt::format("port '{}' is not a number", digits));
  }
  unsigned long long value = 0;
  const auto [end, status] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (status != std::errc() || value > 65535) {
    return fail(fmt::format("port {} is out of range (1..65535)", digits));
  }
  if (value == 0) return fail(std::string("port 0 is not allowed (1..65535)"));
  return static_cast<std::uint16_t>(value);
}

// "[ADDR]" or "[ADDR]:PORT".
Parsed parse_bracketed(std::string_view text, std::uint16_t default_port) {
  const auto close = text.find(']');
  if (close == std::string_view::npos) return error("unclosed '['", text);
  const std::string_view host = text.substr(1, close - 1);
  if (host.empty()) return error("empty host between '[' and ']'", text);
  if (!is_ipv6(host)) {
    return error(fmt::format("'{}' is not an IPv6 address (brackets are for IPv6 only)", host),
                 text);
  }
  const std::string_view rest = text.substr(close + 1);
  if (rest.empty()) return TargetAddress{std::string(host), default_port};
  if (rest.front() != ':') return error(fmt::format("'{}' after ']'", rest), text);
  const auto port = parse_port(rest.substr(1));
  if (!port) return error(port.error(), text);
  return TargetAddress{std::string(host), *port};
}

}  // namespace

Result<TargetAddress, std::string> parse_target(std::string_view text, std::uint16_t default_port) {
  if (text.empty()) return fail(std::string("empty target (expected HOST[:PORT])"));
  if (text.front() == '[') return parse_bracketed(text, default_port);
  if (text.find(']') != std::string_view::npos) return error("']' without '['", text);

  const auto colons = std::ranges::count(text, ':');
  if (colons > 1) {
    // A bare IPv6 address: its last group cannot be told from a port, so none is read.
    if (!is_ipv6(text)) {
      return error("several ':' but not an IPv6 address (write IPv6 with a port as [ADDR]:PORT)",
                   text);
    }
    return TargetAddress{std::string(text), default_port};
  }
  const auto colon = text.find(':');
  const std::string_view host = text.substr(0, colon);
  if (auto problem = host_problem(host)) return error(*problem, text);
  if (colon == std::string_view::npos) return TargetAddress{std::string(host), default_port};
  const auto port = parse_port(text.substr(colon + 1));
  if (!port) return error(port.error(), text);
  return TargetAddress{std::string(host), *port};
}

std::string target_text(const TargetAddress& target) {
  if (target.host.find(':') != std::string::npos) {
    return fmt::format("[{}]:{}", target.host, target.port);
  }
  return fmt::format("{}:{}", target.host, target.port);
}

}  // namespace mbh::client
