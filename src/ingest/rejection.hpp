// Why a record, a value or a message was not imported, as validation returns it: a value, not
// an exception or an out-parameter, because bad input is normal. The reject file (reject_log.hpp)
// writes it with the file and line it came from.
#pragma once

#include <optional>
#include <string>

namespace rk::ingest {

struct Rejection {
  // The CSV column (or iJw element) at fault; empty when the record as a whole is at fault.
  std::string column;
  // What is wrong and what was expected, in Dutch.
  std::string reason;
};

// What a check returns: nothing when the input passed, else why it did not.
using Rejected = std::optional<Rejection>;

}  // namespace rk::ingest
