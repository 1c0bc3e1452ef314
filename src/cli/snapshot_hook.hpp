// After an import the engine's snapshot beside the store is rebuilt, so readers see the new data.
#pragma once

#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::cli {

Status rebuild_snapshot_after_import(store::Store& store);

}  // namespace rk::cli
