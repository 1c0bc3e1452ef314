#include "cli/snapshot_hook.hpp"

#include "engine/snapshot.hpp"

namespace rk::cli {

// The engine's snapshot file beside the store is rebuilt right after the commit, so that the
// first reader after an import does not pay for it.
Status rebuild_snapshot_after_import(store::Store& store) {
  return engine::rebuild_snapshot(store);
}

}  // namespace rk::cli
