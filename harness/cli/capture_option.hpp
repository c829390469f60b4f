#pragma once
// `--pcap FILE`, the same on every subcommand that talks to a device: the option itself, and
// the capture of one run. The file is opened before anything is sent (a path that cannot be
// written is a usage error, like any other output file), handed to the run's clients as their
// tap, and closed when the run ends, which says on stderr if writing failed midway (a full
// disk): the run goes on without the capture rather than stop for it.
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/client/frame_tap.hpp"

namespace CLI {
class App;
}

namespace mbh::capture {
class PcapCapture;
}

namespace mbh::cli {

void add_capture_option(CLI::App& sub, std::string& path);

class RunCapture {
 public:
  // `command` ("conform") names the subcommand in the warning the end of the run may print.
  RunCapture(std::string_view command, std::ostream& err);
  ~RunCapture();
  RunCapture(const RunCapture&) = delete;
  RunCapture& operator=(const RunCapture&) = delete;

  // Creates `path` (nothing for ""): one sentence saying why it cannot, or nothing.
  std::optional<std::string> open(const std::string& path);

  // For ClientOptions::tap: null without a capture. Declare the RunCapture before the clients
  // that use it, so that it outlives them and hears their connections close.
  client::FrameTap* tap() const;

 private:
  std::string command_;
  std::ostream& err_;
  std::unique_ptr<capture::PcapCapture> capture_;
};

}  // namespace mbh::cli
