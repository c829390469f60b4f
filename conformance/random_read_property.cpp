// The random-read property: reads drawn from the model (read_case.hpp) with the run's seed,
// each judged by the oracle. A failure is shrunk, request by request against the device, to
// the smallest read that still breaks the same rule, and that read is what the report shows.
// One summary check per rule the cases fell under.
#include <rapidcheck/Random.h>

#include <fmt/format.h>

#include <map>
#include <optional>

#include "conformance/read_case.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"

namespace mbh::conformance {
namespace {

using models::RuleId;
using models::Status;

bool broken(Status status) {
  return status == Status::kFail || status == Status::kWarn;
}

struct Judged {
  Probe probe;
  models::Verdict verdict;
  ReadCase read;
};

struct Tally {
  std::size_t cases = 0;
  std::size_t either = 0;
  std::size_t broken = 0;
  std::optional<Judged> first_either;  // shown in the summary: its request, answer, reproduce
};

std::optional<Judged> try_case(Session& session, const ReadCase& read) {
  const auto request = read_request(read.space, read.address, read.quantity);
  const auto expectation =
      models::expect(session.target(), session.unit(), request, session.state());
  if (!session.wants(expectation.rule)) return std::nullopt;
  Probe probe = session.send(request);
  if (!probe.sent) return std::nullopt;
  auto verdict = session.judge(expectation, probe);
  return Judged{std::move(probe), std::move(verdict), read};
}

}  // namespace

void run_random_read_property(Session& session) {
  const auto& options = session.options();
  const auto generator = read_cases(session.map());
  rc::Random random(options.seed);
  std::map<RuleId, Tally> tallies;
  std::map<RuleId, bool> shrunk;  // one shrunk failure per rule; later ones only counted
  constexpr int kMaxSize = 100;
  for (std::size_t i = 0; i < options.random_reads && !session.stopped(); ++i) {
    const auto size = static_cast<int>(i % (kMaxSize + 1));
    const rc::Shrinkable<ReadCase> drawn = generator(random.split(), size);
    auto judged = try_case(session, drawn.value());
    if (!judged) continue;
    const RuleId rule = judged->verdict.rule;
    Tally& tally = tallies[rule];
    ++tally.cases;
    if (judged->verdict.status == Status::kEither && ++tally.either == 1) {
      tally.first_either = *judged;
    }
    if (!broken(judged->verdict.status)) continue;
    ++tally.broken;
    if (shrunk[rule]) continue;
    shrunk[rule] = true;
    // Shrink: take the first smaller case that breaks the same rule, until none does.
    rc::Shrinkable<ReadCase> best = drawn;
    std::size_t steps = 0;
    std::size_t tried = 0;
    bool smaller = true;
    while (smaller && tried < options.max_shrinks && !session.stopped()) {
      smaller = false;
      auto candidates = best.shrinks();
      while (auto candidate = candidates.next()) {
        if (++tried > options.max_shrinks || session.stopped()) break;
        auto attempt = try_case(session, candidate->value());
        if (attempt && attempt->verdict.rule == rule && broken(attempt->verdict.status)) {
          best = *candidate;
          judged = std::move(attempt);
          ++steps;
          smaller = true;
          break;
        }
      }
    }
    std::string message = judged->verdict.message;
    if (steps > 0) {
      message += fmt::format(" (shrunk in {} steps from {})", steps, describe(drawn.value()));
    }
    session.record(models::Verdict{judged->verdict.status, rule, judged->verdict.level, message},
                   "random " + describe(best.value()), best.value().space, best.value().address,
                   &judged->probe);
  }
  for (const auto& [rule, tally] : tallies) {
    const Status status = tally.either > 0 ? Status::kEither : Status::kPass;
    if (tally.broken == tally.cases) continue;  // only failures: they are recorded above
    const Judged* shown = tally.first_either ? &*tally.first_either : nullptr;
    session.record(
        rule, status, "random reads", std::nullopt, std::nullopt,
        fmt::format("{} random reads (seed {}) fell under this rule: {} as expected{}{}",
                    tally.cases, options.seed, tally.cases - tally.broken,
                    shown != nullptr
                        ? fmt::format(", {} of them an allowed alternative (the first, {}, is "
                                      "shown: {})",
                                      tally.either, describe(shown->read), shown->verdict.message)
                        : "",
                    tally.broken > 0 ? fmt::format(", {} broke it", tally.broken) : ""),
        shown != nullptr ? &shown->probe : nullptr);
  }
}

}  // namespace mbh::conformance
