#include "harness/cli/capture_option.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <ostream>

#include "harness/capture/pcap_capture.hpp"

namespace mbh::cli {

void add_capture_option(CLI::App& sub, std::string& path) {
  sub.add_option("--pcap", path,
                 "write every frame sent and received, in order and timed, to this pcap file "
                 "(TCP on the target's port: `tshark -r FILE -d tcp.port==PORT,mbtcp` decodes "
                 "it as Modbus/TCP on a port other than 502)")
      ->type_name("FILE");
}

RunCapture::RunCapture(std::string_view command, std::ostream& err)
    : command_(command), err_(err) {}

RunCapture::~RunCapture() {
  if (capture_ == nullptr) return;
  if (const auto failure = capture_->failure()) {
    err_ << fmt::format("mbharness {}: the --pcap capture is incomplete: {}\n", command_, *failure);
  }
}

std::optional<std::string> RunCapture::open(const std::string& path) {
  if (path.empty()) return std::nullopt;
  auto opened = capture::PcapCapture::open(path);
  if (!opened) return "--pcap: " + opened.error();
  capture_ = std::move(opened).value();
  return std::nullopt;
}

client::FrameTap* RunCapture::tap() const {
  return capture_.get();
}

}  // namespace mbh::cli
