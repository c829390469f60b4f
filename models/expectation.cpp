#include "models/expectation.hpp"

namespace mbh::models {

std::string_view status_name(Status status) {
  switch (status) {
    case Status::kPass:
      return "pass";
    case Status::kFail:
      return "fail";
    case Status::kWarn:
      return "warn";
    case Status::kSkip:
      return "skip";
    case Status::kEither:
      return "either";
  }
  return "unknown";
}

}  // namespace mbh::models
