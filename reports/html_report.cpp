#include "reports/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string_view>

#include "models/expectation.hpp"
#include "models/model_text.hpp"
#include "models/rule_table.hpp"
#include "reports/frame_marks.hpp"
#include "reports/frame_text.hpp"
#include "reports/html_frame.hpp"
#include "reports/html_style.hpp"
#include "reports/report_file.hpp"
#include "reports/rule_tally.hpp"
#include "reports/run_phrases.hpp"
#include "reports/run_verdict.hpp"
#include "reports/safe_text.hpp"

namespace mbh::reports {
namespace {

using conformance::CheckRecord;
using conformance::RunReport;
using models::Status;

// Anything from the run (device, map, command line), safe in HTML text and attributes.
std::string text(std::string_view raw) {
  return xml_escaped(raw);
}

std::string upper(std::string_view word) {
  std::string out(word);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// A status as a word in a box: "FAIL", styled by its class (s-fail), legible without colour.
std::string badge(std::string_view status) {
  return fmt::format("<span class=\"badge s-{}\">{}</span>", status, upper(status));
}

// The anchor of a failure's article, for the rule tables to link to.
std::string anchor(const CheckRecord& check) {
  return "check-" + text(check.id);
}

bool failing(const CheckRecord& check) {
  return conformance::unexpected(check, Status::kFail) ||
         conformance::unexpected(check, Status::kWarn);
}

std::string seconds_text(std::chrono::microseconds duration) {
  return fmt::format("{:.3f} s", std::chrono::duration<double>(duration).count());
}

std::string requests_text(const RunReport& report) {
  const double seconds = std::chrono::duration<double>(report.duration).count();
  if (seconds <= 0) return std::to_string(report.requests_sent);
  return fmt::format("{} ({:.1f} requests/s)", report.requests_sent,
                     static_cast<double>(report.requests_sent) / seconds);
}

void write_partial_banner(const RunReport& report, std::string& out) {
  out +=
      "<p class=\"partial\" role=\"alert\"><strong>Partial report (complete: false).</strong> "
      "Written while the run was still going, after a suite. If the run is over and this page "
      "still says so, the run was cut short before it could write its end (killed, or the "
      "machine stopped): what follows covers only the checks made until then, and the writes "
      "listed may not all be restored";
  out += report.journal.empty()
             ? "."
             : fmt::format(" (<code>mbharness restore {}</code> puts back what the journal holds).",
                           text(report.journal));
  out += "</p>\n";
}

void write_verdict(const RunReport& report, std::string& out) {
  const std::string_view verdict = verdict_text(report);
  const std::string_view tone = verdict == "PASS" ? "pass" : "fail";
  if (report.complete) {
    out += fmt::format("<p class=\"verdict {}\">Verdict: {}, exit status {}</p>\n", tone, verdict,
                       conformance::exit_status_of(report));
  } else {
    out += fmt::format("<p class=\"verdict {}\">Verdict so far: {}</p>\n", tone, verdict);
  }
  const auto stops = stop_sentences(report);
  if (stops.empty()) return;
  out += "<ul class=\"stops\">\n";
  for (const auto& sentence : stops)
    out += fmt::format("<li>{}</li>\n", text(sentence));
  out += "</ul>\n";
}

void write_summary(const RunReport& report, std::string& out) {
  const conformance::Summary s = conformance::summarise(report);
  const bool expect = !report.expect_file.empty();
  out += "<table class=\"summary\"><thead><tr><th class=\"n\">checks</th>";
  for (std::string_view status : {"pass", "fail", "warn", "either", "skip"})
    out += fmt::format("<th class=\"n\">{}</th>", badge(status));
  if (expect) {
    out += fmt::format("<th class=\"n\">{}</th><th class=\"n\">{}</th>", badge("xfail"),
                       badge("xpass"));
  }
  out += fmt::format(
      "</tr></thead><tbody><tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
      "class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
      report.checks.size(), s.pass, s.fail, s.warn, s.either, s.skip);
  if (expect) {
    out += fmt::format("<td class=\"n\">{}</td><td class=\"n\">{}</td>", s.xfail, s.xpass);
  }
  out += "</tr></tbody></table>\n";
}

void write_parameters(const RunReport& report, std::string& out) {
  const auto row = [&out](std::string_view name, const std::string& value) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", name, value);
  };
  const auto& options = report.options;
  out += "<dl class=\"params\">\n";
  row("map", fmt::format("{}, unit {}", text(report.map), report.unit));
  row("target", text(report.target));
  row("seed", std::to_string(report.seed));
  row("started", report.started.empty() ? "unknown" : text(report.started) + " (UTC)");
  row("duration", seconds_text(report.duration));
  row("requests", requests_text(report));
  row("strict", text(strict_text(options)));
  row("writes", text(writes_allowed(options)));
  row("rules", text(rules_checked(options)));
  row("limits", text(limits_text(options)));
  if (!report.expect_file.empty()) {
    row("known deviations", fmt::format("<code>--expect {}</code>", text(report.expect_file)));
  }
  if (!report.journal.empty()) {
    row("write journal", fmt::format("<code>{}</code>", text(report.journal)));
  }
  row("mbharness", text(report.version));
  out += "</dl>\n";
}

void write_nav(const RunReport& report, std::string& out) {
  const conformance::Summary s = conformance::summarise(report);
  out += "<nav>";
  out += fmt::format("<a href=\"#failures\">Failures ({})</a>", s.fail + s.warn);
  if (!report.expect_file.empty()) {
    out += fmt::format("<a href=\"#known\">Known deviations ({})</a>", s.xfail + s.xpass);
  }
  out += "<a href=\"#rules\">Rules</a>";
  if (s.either > 0) out += fmt::format("<a href=\"#either\">EITHER outcomes ({})</a>", s.either);
  out += fmt::format("<a href=\"#writes\">Writes ({})</a>", report.writes.size());
  out += "</nav>\n";
}

std::string request_html(const CheckRecord& check) {
  if (check.request.empty()) return "none sent";
  return fmt::format("<div class=\"decoded\">{}</div>{}", text(describe_request(check.request)),
                     hex_html(check.request, {}));
}

std::string response_html(const CheckRecord& check) {
  if (!check.response) return "no response";
  const auto marks = response_marks(*check.response, check.request);
  std::string out = fmt::format("<div class=\"decoded\">{}</div>{}",
                                text(describe_response(*check.response, check.request)),
                                hex_html(*check.response, marks));
  out += marks.empty() ? "<p class=\"unmarked\">No byte marked: the frame decodes and answers its "
                         "request; what the rule expects instead is in the message above.</p>"
                       : marks_legend_html(marks);
  return out;
}

void write_failure(const CheckRecord& check, std::string& out) {
  const std::string where = register_text(check);
  const std::string_view status = models::status_name(check.status);
  out += fmt::format("<article class=\"failure s-{}\" id=\"{}\">\n", status, anchor(check));
  out +=
      fmt::format("<h3>{} {} {} <span class=\"name\">{}</span>{}</h3>\n", badge(status),
                  models::rule_name(check.rule), models::level_name(check.level), text(check.name),
                  where.empty() ? "" : " <small>(" + text(where) + ")</small>");
  out += "<dl>\n";
  out += fmt::format("<dt>found</dt><dd class=\"message\">{}</dd>\n", text(check.message));
  out += fmt::format("<dt>id</dt><dd><code>{}</code></dd>\n", text(check.id));
  out += fmt::format("<dt>request</dt><dd>{}</dd>\n", request_html(check));
  out += fmt::format("<dt>response</dt><dd>{}</dd>\n", response_html(check));
  out += fmt::format("<dt>reproduce</dt><dd>{}</dd>\n",
                     check.reproduce.empty()
                         ? std::string("(none)")
                         : "<pre><code>" + text(check.reproduce) + "</code></pre>");
  out += "</dl>\n</article>\n";
}

void write_failures(const RunReport& report, std::string& out) {
  const conformance::Summary s = conformance::summarise(report);
  out += "<section id=\"failures\">\n<h2>Failures";
  if (s.fail == 0 && s.warn == 0) {
    out += "</h2>\n<p>None: no check failed or warned";
    out += s.xfail > 0 ? " beyond the known deviations.</p>\n</section>\n" : ".</p>\n</section>\n";
    return;
  }
  out += fmt::format(" <small>{} fail, {} warn; {}</small></h2>\n", s.fail, s.warn,
                     report.options.strict
                         ? "under --strict a warning counts as failing"
                         : "warnings do not fail the run (they would under --strict)");
  out +=
      "<p>Unexpected failures first, then warnings. In a response, the bytes at fault are "
      "<mark>marked</mark>; the list under it says which and why.</p>\n";
  for (Status status : {Status::kFail, Status::kWarn}) {
    for (const auto& check : report.checks) {
      if (conformance::unexpected(check, status)) write_failure(check, out);
    }
  }
  out += "</section>\n";
}

void write_known_deviations(const RunReport& report, std::string& out) {
  if (report.expect_file.empty()) return;
  const conformance::Summary s = conformance::summarise(report);
  out += fmt::format(
      "<section id=\"known\">\n<h2>Known deviations <small>{} xfail, {} xpass (--expect "
      "{})</small></h2>\n",
      s.xfail, s.xpass, text(report.expect_file));
  if (s.xfail > 0) {
    out +=
        "<table class=\"checks\"><thead><tr><th>status</th><th>check</th><th>id</th>"
        "<th>register</th><th>message</th><th>matched by</th></tr></thead><tbody>\n";
    for (const auto& check : report.checks) {
      if (!check.known) continue;
      out += fmt::format(
          "<tr class=\"s-xfail\"><td>{}</td><td>{} {} {}</td><td>{}</td><td>{}</td>"
          "<td class=\"message\">{}</td><td>{}</td></tr>\n",
          badge("xfail"), models::rule_name(check.rule), models::level_name(check.level),
          text(check.name), text(check.id), text(register_text(check)), text(check.message),
          text(expect_line_text(check)));
    }
    out += "</tbody></table>\n";
  }
  if (!report.xpass.empty()) {
    out += "<ul class=\"xpass\">\n";
    for (const auto& line : report.xpass) {
      out += fmt::format(
          "<li>{} line {}: <code>{}</code>: matched no failure or warning: the device conforms "
          "there now; remove the line (this fails the run)</li>\n",
          badge("xpass"), line.line, text(line.text));
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void write_tally(const std::vector<RuleTally>& tallies, bool xfail, std::string& out) {
  out += "<table class=\"tally\"><thead><tr><th>rule</th><th>level</th>";
  for (std::string_view status : {"pass", "fail", "warn", "either", "skip"})
    out += fmt::format("<th class=\"n\">{}</th>", status);
  if (xfail) out += "<th class=\"n\">xfail</th>";
  out += "</tr></thead><tbody>\n";
  for (const auto& tally : tallies) {
    const std::string_view rule = models::rule_name(tally.rule);
    out += fmt::format("<tr><td><a href=\"#rule-{}\">{}</a></td><td>{}</td>", rule, rule,
                       tally.levels);
    for (Status status :
         {Status::kPass, Status::kFail, Status::kWarn, Status::kEither, Status::kSkip}) {
      out += fmt::format("<td class=\"n\">{}</td>", tally.count(status));
    }
    if (xfail) out += fmt::format("<td class=\"n\">{}</td>", tally.xfail);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
}

void write_check_row(const CheckRecord& check, std::string& out) {
  const std::string_view status = conformance::status_text(check);
  const std::string name =
      failing(check) ? fmt::format("<a href=\"#{}\">{}</a>", anchor(check), text(check.name))
                     : text(check.name);
  out += fmt::format(
      "<tr class=\"s-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
      "class=\"message\">{}</td></tr>\n",
      status, badge(status), name, text(check.id), text(register_text(check)), text(check.message));
}

void write_rules(const RunReport& report, std::string& out) {
  const auto tallies = rule_tallies(report);
  out +=
      "<section id=\"rules\">\n<h2>Rules <small>every check, per rule in RULES.md order, in the "
      "order the run made them</small></h2>\n";
  if (tallies.empty()) {
    out += "<p>No check ran.</p>\n</section>\n";
    return;
  }
  write_tally(tallies, conformance::summarise(report).xfail > 0, out);
  for (const auto& tally : tallies) {
    const std::string_view rule = models::rule_name(tally.rule);
    out +=
        fmt::format("<section class=\"rule\" id=\"rule-{}\">\n<h3>{} <small>{}: {}</small></h3>\n",
                    rule, rule, tally.levels, text(models::rule_summary(tally.rule)));
    out +=
        "<table class=\"checks\"><thead><tr><th>status</th><th>check</th><th>id</th>"
        "<th>register</th><th>message</th></tr></thead><tbody>\n";
    for (const auto& check : report.checks) {
      if (check.rule == tally.rule) write_check_row(check, out);
    }
    out += "</tbody></table>\n</section>\n";
  }
  out += "</section>\n";
}

void write_either(const RunReport& report, std::string& out) {
  const auto rules = either_outcomes(report);
  if (rules.empty()) return;
  out +=
      "<section id=\"either\">\n<h2>EITHER outcomes <small>allowed by the rules; what the "
      "device chose</small></h2>\n";
  for (const auto& rule : rules) {
    out += fmt::format("<h3>{}</h3>\n<ul>\n", models::rule_name(rule.rule));
    for (const auto& outcome : rule.outcomes) {
      out += fmt::format("<li>{}{}</li>\n", text(outcome.message),
                         outcome.checks > 1
                             ? fmt::format(" <small>({} checks)</small>", outcome.checks)
                             : std::string());
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void write_writes(const RunReport& report, std::string& out) {
  const auto not_restored = std::ranges::count_if(
      report.writes, [](const conformance::WriteRecord& w) { return !w.restored; });
  out += fmt::format(
      "<section id=\"writes\">\n<h2>Writes and restores <small>{} registers, {} not "
      "restored</small></h2>\n",
      report.writes.size(), not_restored);
  if (report.writes.empty()) {
    out += report.options.read_only ? "<p>None: --read-only.</p>\n"
                                    : "<p>None: the run wrote no register.</p>\n";
  } else {
    out +=
        "<table class=\"writes\"><thead><tr><th>register</th><th>name</th><th>original</th>"
        "<th>written</th><th>restored</th><th>note</th></tr></thead><tbody>\n";
    for (const auto& write : report.writes) {
      out += fmt::format(
          "<tr class=\"s-{}\"><td>{} {}</td><td>{}</td><td class=\"n\">{}</td><td "
          "class=\"n\">{}</td><td>{}</td><td class=\"note\">{}</td></tr>\n",
          write.restored ? "pass" : "fail", models::space_name(write.space), write.address,
          text(write.name), text(value_with_registers(write.original, write.original_text)),
          text(value_with_registers(write.written, write.written_text)),
          write.restored ? "<span class=\"badge s-pass\">restored</span>"
                         : "<span class=\"badge s-fail\">NOT RESTORED</span>",
          text(write.note));
    }
    out += "</tbody></table>\n";
  }
  if (!report.sequence_note.empty()) {
    out += fmt::format("<p>{}</p>\n", text(report.sequence_note));
  }
  if (!report.journal.empty()) {
    out += fmt::format("<p>Write journal: <code>{}</code></p>\n", text(report.journal));
  }
  if (conformance::left_changed(report)) {
    out += "<p class=\"changed\">The device is not as the run found it.";
    if (!report.journal.empty()) {
      out += fmt::format(" To finish putting it back: <code>mbharness restore {}</code>",
                         text(report.journal));
    }
    out += "</p>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string html_report(const RunReport& report) {
  std::string out;
  out.reserve(4096 + 400 * report.checks.size());
  out += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"mbharness {}\">\n"
      "<title>mbharness conform {} ({}): {}{}</title>\n<style>{}</style>\n</head>\n",
      text(report.version), text(report.map), text(report.target), verdict_text(report),
      report.complete ? "" : " (partial)", html_style());
  out += fmt::format("<body data-complete=\"{}\">\n<header>\n", report.complete);
  out += fmt::format("<h1>mbharness conform {} <small>at {}</small></h1>\n", text(report.map),
                     text(report.target));
  if (!report.complete) write_partial_banner(report, out);
  write_verdict(report, out);
  write_summary(report, out);
  write_parameters(report, out);
  out += "</header>\n";
  write_nav(report, out);
  out += "<main>\n";
  write_failures(report, out);
  write_known_deviations(report, out);
  write_rules(report, out);
  write_either(report, out);
  write_writes(report, out);
  out += "</main>\n";
  out += fmt::format(
      "<footer>mbharness {} conform: {} checks, {} requests, started {}. This page is "
      "self-contained: it runs no script and fetches nothing.</footer>\n</body>\n</html>\n",
      text(report.version), report.checks.size(), report.requests_sent,
      report.started.empty() ? "at an unknown time" : text(report.started));
  return out;
}

void write_html_report(const RunReport& report, const std::string& path) {
  write_report_file(path, html_report(report));
}

}  // namespace mbh::reports
