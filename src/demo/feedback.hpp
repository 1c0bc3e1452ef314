// The records around the care flow: client and staff surveys, complaints, dossier audits, manual
// measurements and the transformation projects with their results.
#pragma once

#include "demo/csv_out.hpp"
#include "demo/world.hpp"

namespace rk::demo {

void write_surveys(const World& world, const DatasetParams& p, CsvFile& surveys);
void write_staff_surveys(const DatasetParams& p, CsvFile& staff_surveys);
void write_complaints(const DatasetParams& p, CsvFile& complaints);
void write_family_audits(const DatasetParams& p, CsvFile& audits);
void write_measurements(const World& world, const DatasetParams& p, CsvFile& measurements);
void write_projects(const World& world, const DatasetParams& p, CsvFile& projects,
                    CsvFile& results);

}  // namespace rk::demo
