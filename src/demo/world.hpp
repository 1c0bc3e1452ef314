// The fixed part of a generated dataset: municipalities, areas and their teams, providers and
// GP practices. Built once from the parameters; the record generators only read it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/dataset.hpp"
#include "demo/random.hpp"

namespace rk::demo {

struct Municipality {
  std::string code;  // GM0917
  std::string name;
  uint32_t weight = 0;  // relative number of young people in care
  int k1_provider = 0;  // provider of the community activities (K1)
  std::vector<int> areas;
  std::vector<uint32_t> area_weights;
  // Specialist providers (K3) serving this municipality, and how often each is chosen. A
  // provider's position in this list is its "slot" in the cost tallies.
  std::vector<int> k3_providers;
  std::vector<uint32_t> k3_weights;
  int gp_practices = 0;
};

struct Area {
  std::string id;
  std::string name;
  int municipality = 0;
  int team = 0;
};

struct Team {
  std::string name;  // as in staffing.csv
  int municipality = 0;
  int own_provider = 0;
  uint32_t weight = 0;  // share of the municipality's clients (sum of its areas' weights)
};

struct Provider {
  std::string id;
  std::string name;
  std::string_view kind;  // member, subcontractor, supplier, incidental, own
  int employees = -1;     // -1 = unknown
  bool ggz = false;
  uint32_t rate_percent = 100;  // price level of a day of care, relative to the average
};

struct World {
  std::vector<Municipality> municipalities;
  std::vector<Area> areas;
  std::vector<Team> teams;
  std::vector<Provider> providers;
  std::vector<uint32_t> municipality_weights;
  uint64_t total_weight = 0;
  size_t max_k3_slots = 0;

  // The share of all clients that lives in municipality m, in parts per million.
  [[nodiscard]] uint64_t share_ppm(int m) const {
    return uint64_t{municipalities[static_cast<size_t>(m)].weight} * 1000000 / total_weight;
  }
};

World build_world(const DatasetParams& p);

}  // namespace rk::demo
