// mbharness: the command line. Each subcommand lives in its own *_command file with an options
// struct, setup_*() and run_*(); this file only wires them and maps parse errors to exit 2.
#include <CLI/CLI.hpp>

#include <iostream>

#include "harness/cli/conform_command.hpp"
#include "harness/cli/decode_command.hpp"
#include "harness/cli/exit_status.hpp"
#include "harness/cli/fuzz_command.hpp"
#include "harness/cli/maps_command.hpp"
#include "harness/cli/read_command.hpp"
#include "harness/cli/replay_command.hpp"
#include "harness/cli/restore_command.hpp"
#include "harness/cli/send_command.hpp"
#include "harness/cli/simulate_command.hpp"

#ifndef MBH_VERSION
#error "MBH_VERSION must be defined by the build (the project version)"
#endif

int main(int argc, char** argv) {
  CLI::App app{"mbharness: a Modbus TCP conformance and fuzzing harness", "mbharness"};
  app.set_version_flag("--version", std::string("mbharness ") + MBH_VERSION);
  app.require_subcommand(1);

  mbh::cli::ConformCommandOptions conform;
  conform.version = MBH_VERSION;
  mbh::cli::setup_conform(app, conform);
  mbh::cli::DecodeOptions decode;
  mbh::cli::setup_decode(app, decode);
  mbh::cli::MapsOptions maps;
  mbh::cli::setup_maps(app, maps);
  mbh::cli::SimulateOptions simulate;
  mbh::cli::setup_simulate(app, simulate);
  mbh::cli::SendOptions send;
  send.version = MBH_VERSION;
  mbh::cli::setup_send(app, send);
  mbh::cli::ReadOptions read;
  mbh::cli::setup_read(app, read);
  mbh::cli::FuzzCommandOptions fuzz;
  fuzz.version = MBH_VERSION;
  mbh::cli::setup_fuzz(app, fuzz);
  mbh::cli::ReplayCommandOptions replay;
  mbh::cli::setup_replay(app, replay);
  mbh::cli::RestoreOptions restore;
  restore.version = MBH_VERSION;
  mbh::cli::setup_restore(app, restore);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" with status 0; every real one is a usage error, whatever
    // number CLI11 gives it (105, 106, ...): INTERFACE.md promises 2.
    const int status = app.exit(error);
    return status == 0 ? mbh::cli::kOk : mbh::cli::kUsage;
  }

  if (app.got_subcommand("conform")) return mbh::cli::run_conform(conform, std::cout, std::cerr);
  if (app.got_subcommand("decode")) return mbh::cli::run_decode(decode, std::cout, std::cerr);
  if (app.got_subcommand("maps")) return mbh::cli::run_maps(maps, std::cout, std::cerr);
  if (app.got_subcommand("simulate")) {
    return mbh::cli::run_simulate(simulate, std::cout, std::cerr);
  }
  if (app.got_subcommand("send")) return mbh::cli::run_send(send, std::cout, std::cerr);
  if (app.got_subcommand("read")) return mbh::cli::run_read(read, std::cout, std::cerr);
  if (app.got_subcommand("fuzz")) return mbh::cli::run_fuzz(fuzz, std::cout, std::cerr);
  if (app.got_subcommand("replay")) return mbh::cli::run_replay(replay, std::cout, std::cerr);
  if (app.got_subcommand("restore")) return mbh::cli::run_restore(restore, std::cout, std::cerr);
  return mbh::cli::kUsage;  // unreachable while a subcommand is required
}
