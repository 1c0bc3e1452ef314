// The care flow of every client: the client row, the care requests with each step of the intake
// flow, the trajectories they lead to, waiting-list entries and GAS goals. Clients are generated
// one by one from their own random stream, so memory stays small whatever the dataset's size.
#pragma once

#include <cstdint>
#include <vector>

#include "demo/calendar_util.hpp"
#include "demo/csv_out.hpp"
#include "demo/dataset.hpp"
#include "demo/world.hpp"

namespace rk::demo {

struct CareFiles {
  CsvFile* clients;
  CsvFile* requests;
  CsvFile* trajectories;
  CsvFile* waitlist;
  CsvFile* goals;
};

// Days of care per calendar month, per municipality and quadrant (K3 also per provider slot,
// weighted by the provider's price level). Costs and staffing are spread over months with it.
class CareTally {
 public:
  CareTally(const World& world, int32_t first_day, int32_t last_day);
  void add(int quadrant, int municipality, int slot, int32_t start, int32_t end, int64_t weight);

  [[nodiscard]] const Months& months() const { return months_; }
  [[nodiscard]] int64_t days(int quadrant, int month, int municipality) const {
    return (quadrant == 1 ? k1_ : k2_)[cell(month, municipality)];
  }
  [[nodiscard]] int64_t k3(int month, int municipality, size_t slot) const {
    return k3_[cell(month, municipality) * slots_ + slot];
  }

 private:
  [[nodiscard]] size_t cell(int month, int municipality) const {
    return static_cast<size_t>(month) * municipalities_ + static_cast<size_t>(municipality);
  }
  Months months_;
  size_t municipalities_;
  size_t slots_;
  std::vector<int64_t> k1_, k2_, k3_;
};

// Width of the zero-padded client numbers in ids (C000017).
int client_id_width(uint64_t clients);

// Writes clients.csv, requests.csv, trajectories.csv, waitlist.csv and goals.csv and fills `tally`.
void generate_care(const World& world, const DatasetParams& p, CareFiles& files, CareTally& tally);

// The family a client belongs to: the number of the family's first client. Siblings share the
// family id, the municipality and the area.
uint64_t family_of(uint64_t seed, uint64_t client);

}  // namespace rk::demo
