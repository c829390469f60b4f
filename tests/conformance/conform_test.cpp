// `conform` against the bundled simulator over loopback: the clean simulator passes every
// MUST rule of every map; every rule fault in the catalogue makes its rule fail (or warn, for
// a SHOULD rule, which fails the run only under --strict); the transport faults end the run
// with exit status 1 or 3 in bounded time; frames besides the answers (duplicated, unsolicited)
// and answers with the wrong transaction id fail R-MBAP only, with exit status 1; the same seed
// gives the same checks; --read-only writes nothing; an interrupted run says so.
#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "conformance/conform_run.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/simulator/fault_catalogue.hpp"
#include "harness/simulator/simulator.hpp"
#include "harness/transport/tcp_server.hpp"
#include "models/map_catalog.hpp"
#include "tests/support/loopback_simulator.hpp"

namespace mbh::conformance {
namespace {

using models::RuleId;
using models::Status;
using namespace std::chrono_literals;

using SimulatorServer = mbh::testing::LoopbackSimulator;

struct ConformRun {
  RunReport report;
  int status;
  std::chrono::milliseconds took;
};

ConformRun conform(std::uint16_t port, const models::RegisterMap& map, ConformOptions options = {},
                   std::chrono::milliseconds timeout = 300ms,
                   const std::atomic<bool>* interrupt = nullptr) {
  client::ClientOptions client_options;
  client_options.connect_timeout = timeout;
  client_options.response_timeout = timeout;
  client::ModbusClient client(client::TargetAddress{"127.0.0.1", port}, client_options);
  ClientChannel channel(client);
  options.map = &map;
  if (options.unit == 0) options.unit = map.first_unit;
  options.target = "127.0.0.1:" + std::to_string(port);
  const auto started = std::chrono::steady_clock::now();
  RunReport report = run_conformance(channel, options, interrupt);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  const int status = exit_status_of(report);
  return {std::move(report), status, took};
}

bool breaks(const RunReport& report, RuleId rule) {
  return std::ranges::any_of(report.checks, [rule](const CheckRecord& c) {
    return c.rule == rule && (c.status == Status::kFail || c.status == Status::kWarn);
  });
}

std::string failures(const RunReport& report) {
  std::string text;
  for (const auto& c : report.checks) {
    if (c.status == Status::kFail || c.status == Status::kWarn) {
      text += std::string(models::rule_name(c.rule)) + " " + c.name + ": " + c.message + "\n";
    }
  }
  return text;
}

TEST(Conform, TheCleanSimulatorPassesEveryRuleOfEveryMap) {
  SimulatorServer server;
  for (const models::RegisterMap* map : models::all_maps()) {
    SCOPED_TRACE(std::string(map->id));
    const ConformRun run = conform(server.port(), *map, ConformOptions{.seed = 3});
    EXPECT_EQ(run.status, 0) << failures(run.report);
    EXPECT_EQ(failures(run.report), "");
    EXPECT_FALSE(run.report.stopped.has_value()) << *run.report.stopped;
    for (const WriteRecord& w : run.report.writes) {
      EXPECT_TRUE(w.restored) << w.name << ": " << w.note;
    }
    EXPECT_FALSE(run.report.writes.empty()) << "a default run writes the setting registers";
    // Every rule that applies to the map was checked, not only skipped.
    for (const auto& application : map->rules) {
      if (!application.level) continue;
      const bool checked = std::ranges::any_of(run.report.checks, [&](const CheckRecord& c) {
        return c.rule == application.rule && c.status != Status::kSkip;
      });
      if (application.rule == RuleId::kBoundary && map->id != "conext-bms") continue;
      if (application.rule == RuleId::kBits && map->id == "enapter-el21") continue;
      EXPECT_TRUE(checked) << models::rule_name(application.rule) << " has no check";
    }
  }
}

TEST(Conform, EveryRuleFaultMakesConformReportItsRule) {
  for (const simulator::FaultInfo& fault : simulator::fault_catalogue()) {
    if (fault.kind != simulator::FaultKind::kRule) continue;
    SCOPED_TRACE(std::string(fault.name));
    SimulatorServer server({std::string(fault.name)});
    bool found = false;
    for (const models::RegisterMap* map : models::all_maps()) {
      const ConformRun run = conform(server.port(), *map, ConformOptions{.seed = 3});
      if (!breaks(run.report, *fault.rule)) continue;
      found = true;
      const bool must = std::ranges::any_of(run.report.checks, [&](const CheckRecord& c) {
        return c.rule == *fault.rule && c.status == Status::kFail;
      });
      // A device that refuses every Commit keeps the configuration sequence open, and says so
      // (Configuration Progress, input 4000): the run cannot close it, and reports that (4).
      const bool left_open = fault.name == "config-commit-refused";
      EXPECT_EQ(run.status, left_open ? 4
                            : must    ? 1
                                      : 0)
          << map->id << "\n"
          << failures(run.report);
      EXPECT_EQ(run.report.sequence_left_open, left_open) << run.report.sequence_note;
      if (!must) {
        // A SHOULD violation fails the run only under --strict.
        const ConformRun strict =
            conform(server.port(), *map, ConformOptions{.seed = 3, .strict = true});
        EXPECT_EQ(strict.status, 1) << map->id;
      }
      for (const auto& c : run.report.checks) {
        if (c.status == Status::kFail || c.status == Status::kWarn) {
          EXPECT_FALSE(c.request.empty()) << c.name;
          EXPECT_NE(c.reproduce.find("mbharness send --target 127.0.0.1:"), std::string::npos)
              << c.name;
        }
      }
    }
    EXPECT_TRUE(found) << "no map's run reports " << models::rule_name(*fault.rule);
  }
}

TEST(Conform, TransportFaultsEndTheRunWithStatus1Or3InBoundedTime) {
  for (const std::string fault : {"silence", "slow=400", "drop=7", "truncate"}) {
    SCOPED_TRACE(fault);
    SimulatorServer server({fault});
    const ConformRun run =
        conform(server.port(), *models::find_map("conext-ags"), ConformOptions{.seed = 3}, 150ms);
    EXPECT_TRUE(run.status == 1 || run.status == 3) << run.status;
    EXPECT_LT(run.took, 20s);
    for (const WriteRecord& w : run.report.writes) {
      EXPECT_TRUE(w.restored || !w.note.empty()) << w.name;
    }
  }
}

// The failing checks of a run: rule, name, message.
std::vector<const CheckRecord*> failing(const RunReport& report) {
  std::vector<const CheckRecord*> out;
  for (const auto& c : report.checks) {
    if (c.status == Status::kFail || c.status == Status::kWarn) out.push_back(&c);
  }
  return out;
}

// A device that sends frames besides its answers (issue: one duplicated answer turned into 139
// MUST failures across every rule, each stray frame taken as the next request's answer): the
// client discards them, every other check passes, and R-MBAP fails once, for that kind, showing
// the frame as its response and the request it came with.
void expect_one_stray_failure(const std::string& fault, const std::string& kind) {
  SCOPED_TRACE(fault);
  SimulatorServer server({fault});
  for (const models::RegisterMap* map : models::all_maps()) {
    SCOPED_TRACE(std::string(map->id));
    const ConformRun run = conform(server.port(), *map, ConformOptions{.seed = 3});
    EXPECT_EQ(run.status, 1) << failures(run.report);
    EXPECT_FALSE(run.report.stopped.has_value()) << *run.report.stopped;
    const auto failed = failing(run.report);
    ASSERT_EQ(failed.size(), 1U) << failures(run.report);
    const CheckRecord& c = *failed[0];
    EXPECT_EQ(c.rule, RuleId::kMbap);
    EXPECT_EQ(c.status, Status::kFail);
    EXPECT_EQ(c.name, "no stray frames: " + kind);
    EXPECT_NE(c.message.find(kind), std::string::npos) << c.message;
    EXPECT_FALSE(c.request.empty());
    ASSERT_TRUE(c.response.has_value());
    EXPECT_GE(c.response->size(), 8U);
    // The frame does not carry the id of the request it came with.
    EXPECT_FALSE(c.response->at(0) == c.request.at(0) && c.response->at(1) == c.request.at(1));
    EXPECT_NE(c.reproduce.find("mbharness send --target 127.0.0.1:"), std::string::npos);
  }
}

TEST(Conform, ADuplicatedAnswerFailsOneMbapCheckAndNoOtherRule) {
  expect_one_stray_failure("duplicate-answer", "duplicate answer");
}

TEST(Conform, AnUnsolicitedFrameFailsOneMbapCheckAndNoOtherRule) {
  expect_one_stray_failure("unsolicited-frame", "frame sent unasked");
}

TEST(Conform, EveryThirdAnswerDuplicatedFailsOneMbapCheck) {
  SimulatorServer server({"duplicate-answer=3"});
  const ConformRun run =
      conform(server.port(), *models::find_map("conext-ags"), ConformOptions{.seed = 3});
  EXPECT_EQ(run.status, 1);
  const auto failed = failing(run.report);
  ASSERT_EQ(failed.size(), 1U) << failures(run.report);
  EXPECT_EQ(failed[0]->name, "no stray frames: duplicate answer");
}

// tid-not-echoed: every answer carries the request's id plus one, so none answers its request.
// The run is not told the device is unreachable: R-MBAP fails, saying the ids are wrong, and
// the run stops after the usual requests in a row without an answer.
TEST(Conform, AnswersWithTheWrongTransactionIdFailMbapAndExit1InBoundedTime) {
  SimulatorServer server({"tid-not-echoed"});
  for (const models::RegisterMap* map : models::all_maps()) {
    SCOPED_TRACE(std::string(map->id));
    const ConformRun run = conform(server.port(), *map, ConformOptions{.seed = 3}, 200ms);
    EXPECT_EQ(run.status, 1) << failures(run.report);
    EXPECT_FALSE(run.report.unreachable);
    ASSERT_TRUE(run.report.stopped.has_value());
    EXPECT_NE(run.report.stopped->find("wrong transaction id"), std::string::npos)
        << *run.report.stopped;
    EXPECT_LT(run.took, 5s);
    const auto failed = failing(run.report);
    ASSERT_FALSE(failed.empty());
    for (const CheckRecord* c : failed) {
      EXPECT_EQ(c->rule, RuleId::kMbap) << c->name << ": " << c->message;
      EXPECT_NE(c->message.find("transaction id"), std::string::npos) << c->message;
    }
    EXPECT_TRUE(std::ranges::any_of(failed, [](const CheckRecord* c) {
      return c->name == "no stray frames: answer to a request never sent";
    })) << failures(run.report);
  }
}

TEST(Conform, AnUnreachableTargetExits3) {
  // A port the kernel gave to a server that is gone again: nothing listens there.
  std::uint16_t port = 0;
  {
    SimulatorServer gone;
    port = gone.port();
  }
  const ConformRun run = conform(port, *models::find_map("conext-bms"));
  EXPECT_EQ(run.status, 3);
  EXPECT_TRUE(run.report.unreachable);
  EXPECT_TRUE(run.report.checks.empty());
}

TEST(Conform, TheSameSeedGivesTheSameChecksInTheSameOrder) {
  auto checks = [](const RunReport& report) {
    std::vector<std::string> out;
    for (const auto& c : report.checks)
      out.push_back(std::string(models::rule_name(c.rule)) + "|" +
                    std::string(models::status_name(c.status)) + "|" + c.name + "|" + c.message);
    return out;
  };
  const auto& map = *models::find_map("enapter-el21");
  SimulatorServer first;
  SimulatorServer second;
  const ConformRun a = conform(first.port(), map, ConformOptions{.seed = 99});
  const ConformRun b = conform(second.port(), map, ConformOptions{.seed = 99});
  EXPECT_EQ(checks(a.report), checks(b.report));
  EXPECT_GT(a.report.checks.size(), 100U);
}

// INTERFACE.md: ids stable in every run and under every seed, unique within a report; every
// check that is not pass or skip carries its request and a command that sends it again.
TEST(Conform, CheckIdsAreUniqueAndTheSameUnderEverySeed) {
  auto ids = [](const RunReport& report) {
    std::vector<std::string> out;
    for (const auto& c : report.checks) {
      if (c.name.find("random") == std::string::npos) out.push_back(c.id);
    }
    return out;
  };
  for (const models::RegisterMap* map : models::all_maps()) {
    SCOPED_TRACE(map->id);
    SimulatorServer first;
    SimulatorServer second;
    const ConformRun a = conform(first.port(), *map, ConformOptions{.seed = 1});
    const ConformRun b = conform(second.port(), *map, ConformOptions{.seed = 2});
    EXPECT_EQ(ids(a.report), ids(b.report));
    for (const ConformRun* run : {&a, &b}) {
      std::set<std::string> unique;
      std::set<std::pair<RuleId, std::string>> names;
      for (const auto& c : run->report.checks) {
        EXPECT_TRUE(unique.insert(c.id).second) << "repeated id " << c.id;
        EXPECT_TRUE(names.insert({c.rule, c.name}).second) << "repeated name " << c.name;
        EXPECT_FALSE(c.id.empty());
        EXPECT_EQ(c.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-~"),
                  std::string::npos)
            << c.id;
        if (c.status == Status::kPass || c.status == Status::kSkip) continue;
        EXPECT_FALSE(c.request.empty()) << c.id;
        EXPECT_FALSE(c.reproduce.empty()) << c.id;
      }
    }
  }
}

TEST(Conform, ReadOnlyWritesNothing) {
  SimulatorServer server({"readonly-write-stored"});
  for (const models::RegisterMap* map : models::all_maps()) {
    const ConformRun run =
        conform(server.port(), *map, ConformOptions{.seed = 3, .read_only = true});
    EXPECT_EQ(run.status, 0) << map->id << "\n" << failures(run.report);
    EXPECT_TRUE(run.report.writes.empty());
    for (const auto& c : run.report.checks) {
      if (c.request.size() < 8) continue;
      const auto function = std::to_integer<unsigned>(c.request[7]);
      EXPECT_TRUE(function != 0x05 && function != 0x06 && function != 0x0F && function != 0x10 &&
                  function != 0x16 && function != 0x17)
          << map->id << " " << c.name;
    }
  }
}

TEST(Conform, OnlyRunsTheRulesAskedFor) {
  SimulatorServer server({"gap-zeros"});
  const ConformRun run = conform(server.port(), *models::find_map("conext-ags"),
                                 ConformOptions{.seed = 3, .only = {RuleId::kGap, RuleId::kUnit}});
  EXPECT_EQ(run.status, 1);
  std::set<RuleId> rules;
  for (const auto& c : run.report.checks)
    rules.insert(c.rule);
  EXPECT_EQ(rules, (std::set<RuleId>{RuleId::kGap, RuleId::kUnit}));
}

TEST(Conform, AFailingRandomReadIsShrunk) {
  SimulatorServer server({"short-read"});
  const ConformRun run = conform(server.port(), *models::find_map("conext-bms"),
                                 ConformOptions{.seed = 3, .only = {RuleId::kValidRead}});
  const auto random = std::ranges::find_if(run.report.checks, [](const CheckRecord& c) {
    return c.name.starts_with("random read") && c.status == Status::kFail;
  });
  ASSERT_NE(random, run.report.checks.end()) << failures(run.report);
  // short-read breaks every valid read: shrinking takes it down to a single register.
  EXPECT_EQ(random->name.find(".."), std::string::npos) << random->name;
  EXPECT_NE(random->message.find("shrunk in"), std::string::npos) << random->message;
}

TEST(Conform, AnInterruptedRunSaysSoAndExits130) {
  SimulatorServer server;
  std::atomic<bool> interrupt{true};
  const ConformRun run =
      conform(server.port(), *models::find_map("conext-ags"), ConformOptions{}, 300ms, &interrupt);
  EXPECT_EQ(run.status, 130);
  EXPECT_TRUE(run.report.interrupted);
}

}  // namespace
}  // namespace mbh::conformance
