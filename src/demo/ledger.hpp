// Money and staffing: budgets (lump sums) per year and municipality, the monthly cost ledger and
// the area teams' staffing per quarter. Costs follow the care days of the generated clients, scaled
// to the shares of the lump sum that the seed report shows per year (K2 growing, K3 shrinking).
#pragma once

#include "demo/care.hpp"
#include "demo/csv_out.hpp"
#include "demo/world.hpp"

namespace rk::demo {

// Lump sum of `municipality` in `year`, in cents (rounded to whole thousands of euros).
int64_t lump_sum_cents(const World& world, const DatasetParams& p, int municipality, int year);

void write_budgets(const World& world, const DatasetParams& p, CsvFile& budgets);
void write_costs(const World& world, const DatasetParams& p, const CareTally& tally,
                 CsvFile& costs);
void write_staffing(const World& world, const DatasetParams& p, CsvFile& staffing);

}  // namespace rk::demo
