#include "cli/snapshot_hook.hpp"

namespace rk::cli {

Status rebuild_snapshot_after_import(store::Store& /*store*/) { return Status::ok(); }

}  // namespace rk::cli
