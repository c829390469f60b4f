#include "harness/cli/json_output.hpp"

#include "harness/cli/exit_status.hpp"

namespace mbh::cli {

void print_json(std::ostream& out, const nlohmann::ordered_json& value) {
  out << value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

int usage_error(std::string_view command, std::string_view message, bool json_out,
                std::ostream& out, std::ostream& err) {
  err << "mbharness " << command << ": " << message << '\n';
  if (json_out) print_json(out, {{"error", message}});
  return kUsage;
}

}  // namespace mbh::cli
