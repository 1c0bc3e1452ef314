// The social map of a generated dataset (activities.csv, docs/data-contract.md): per area a few
// K1 activities of the municipality's welfare provider and of the area's team, and in the JENS
// region some prevention groups of the cooperative's members. Drawn from their own random stream
// (Stream::kActivity), so the other files of a seed stay byte for byte the same.
#pragma once

#include "demo/csv_out.hpp"
#include "demo/world.hpp"

namespace rk::demo {

// Writes the activities of every area of `world`, in area order; every (provider, area, name)
// once, every contact an organisation's address, never a number of 9 digits.
void write_activities(const World& world, const DatasetParams& p, CsvFile& activities);

}  // namespace rk::demo
