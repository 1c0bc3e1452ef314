#include "demo/world.hpp"

#include <algorithm>
#include <array>

namespace rk::demo {
namespace {

struct NamedMunicipality {
  std::string_view code;
  std::string_view name;
  uint32_t weight;
};

// The JENS municipalities first (weights: clients in care on 1 January 2020 in the seed report),
// then some real municipalities for the national profile, roughly by size.
constexpr std::array<NamedMunicipality, 17> kRealMunicipalities = {{
    {"GM0917", "Heerlen", 1473},
    {"GM0882", "Landgraaf", 631},
    {"GM0986", "Voerendaal", 131},
    {"GM0363", "Amsterdam", 14000},
    {"GM0599", "Rotterdam", 12000},
    {"GM0518", "'s-Gravenhage", 10000},
    {"GM0344", "Utrecht", 6500},
    {"GM0772", "Eindhoven", 4000},
    {"GM0014", "Groningen", 4000},
    {"GM0855", "Tilburg", 3800},
    {"GM0034", "Almere", 3800},
    {"GM0268", "Nijmegen", 3500},
    {"GM0758", "Breda", 3000},
    {"GM0935", "Maastricht", 2000},
    {"GM1883", "Sittard-Geleen", 1800},
    {"GM0928", "Kerkrade", 900},
    {"GM0899", "Brunssum", 600},
}};

struct NamedArea {
  std::string_view id;
  std::string_view name;
  int municipality;
  std::string_view team;
  uint32_t weight;
};

constexpr std::array<NamedArea, 7> kJensAreas = {{
    {"heerlen-noord", "Heerlen Noord", 0, "Heerlen Noord", 30},
    {"hoensbroek", "Hoensbroek", 0, "Heerlen Noord", 22},
    {"heerlen-centrum", "Heerlen Centrum", 0, "Heerlen Zuid", 20},
    {"heerlen-zuid", "Heerlen Zuid", 0, "Heerlen Zuid", 28},
    {"schaesberg", "Schaesberg", 1, "Landgraaf", 55},
    {"nieuwenhagen", "Nieuwenhagen", 1, "Landgraaf", 45},
    {"voerendaal", "Voerendaal", 2, "Voerendaal", 100},
}};

constexpr std::array<std::string_view, 6> kAreaSuffixes = {"Noord", "Zuid",    "Oost",
                                                           "West",  "Centrum", "Buiten"};

struct NamedProvider {
  std::string_view name;
  std::string_view kind;
  int employees;
  bool ggz;
  uint32_t weight;  // how often chosen for specialist care
};

// The members, subcontractors and suppliers of the seed report's appendix 3, plus small
// providers (fewer than 10 employees) and incidental contracts.
constexpr std::array<NamedProvider, 25> kSpecialists = {{
    {"Xonar", "member", 1200, false, 90},
    {"Mondriaan", "member", 1500, true, 110},
    {"Koraal Groep", "member", 2500, false, 80},
    {"Radar", "member", 900, false, 60},
    {"Meander Groep", "member", 3000, false, 25},
    {"Adelante", "subcontractor", 800, false, 35},
    {"Care 4 Kidz", "subcontractor", 45, false, 30},
    {"Kracht in Zorg", "subcontractor", 60, false, 30},
    {"Lionarons GGZ", "subcontractor", 250, true, 45},
    {"Scoor", "subcontractor", 120, false, 25},
    {"Somnium", "subcontractor", 35, true, 20},
    {"Yvoor", "subcontractor", 40, true, 20},
    {"AnaCare", "supplier", 25, false, 15},
    {"Levanto Jeugd", "supplier", 180, false, 20},
    {"Triade Jeugdzorg", "supplier", 300, true, 15},
    {"Begeleiding met de 4 Poten", "supplier", 6, false, 12},
    {"Praktijk Kompas", "supplier", 3, true, 10},
    {"Zorgboerderij De Linde", "supplier", 8, false, 11},
    {"Kindercoach Parkstad", "supplier", 2, false, 9},
    {"Praktijk Speelruimte", "supplier", 4, true, 10},
    {"Jeugdpraktijk Horizon", "supplier", 7, false, 11},
    {"Logeerhuis De Vlinder", "supplier", 9, false, 10},
    {"Gezinshuis Het Anker", "supplier", 5, false, 8},
    {"Incidentele aanbieder Noord", "incidental", -1, false, 3},
    {"Incidentele aanbieder Zuid", "incidental", -1, true, 3},
}};

constexpr int kRegionSize = 10;  // municipalities per region of the national profile
constexpr int kRegionalProviders = 12;

std::string four_digits(int n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

std::string agb(int group, int n) {
  std::string s = std::to_string(n);
  return std::to_string(group) + std::string(s.size() < 5 ? 5 - s.size() : 0, '0') + s;
}

void add_municipalities(World& w, const DatasetParams& p) {
  for (int i = 0; i < p.municipalities; ++i) {
    Municipality m;
    if (static_cast<size_t>(i) < kRealMunicipalities.size()) {
      const NamedMunicipality& r = kRealMunicipalities[static_cast<size_t>(i)];
      m.code = r.code;
      m.name = r.name;
      m.weight = r.weight;
    } else {
      // Synthetic codes above the highest real CBS code, so they never clash with a real one.
      m.code = "GM" + four_digits(2000 + i + 1);
      m.name = "Gemeente " + four_digits(i + 1);
      m.weight = 60000 / static_cast<uint32_t>(i + 30) + 150;
    }
    w.municipality_weights.push_back(m.weight);
    w.total_weight += m.weight;
    w.municipalities.push_back(std::move(m));
  }
}

int add_team(World& w, std::string_view name, int municipality) {
  for (size_t t = 0; t < w.teams.size(); ++t)
    if (w.teams[t].name == name && w.teams[t].municipality == municipality)
      return static_cast<int>(t);
  const int index = static_cast<int>(w.teams.size());
  Provider own{
      "GT" + four_digits(index + 1), "Gebiedsteam " + std::string(name), "own", -1, false, 100};
  w.teams.push_back(Team{std::string(name), municipality, static_cast<int>(w.providers.size()), 0});
  w.providers.push_back(std::move(own));
  return index;
}

void add_area(World& w, std::string id, std::string name, int municipality, std::string_view team,
              uint32_t weight) {
  const int t = add_team(w, team, municipality);
  Municipality& m = w.municipalities[static_cast<size_t>(municipality)];
  m.areas.push_back(static_cast<int>(w.areas.size()));
  m.area_weights.push_back(weight);
  w.teams[static_cast<size_t>(t)].weight += weight;
  w.areas.push_back(Area{std::move(id), std::move(name), municipality, t});
}

void add_areas(World& w, const DatasetParams& p) {
  for (const NamedArea& a : kJensAreas)
    if (a.municipality < p.municipalities)
      add_area(w, std::string(a.id), std::string(a.name), a.municipality, a.team, a.weight);
  const int per = std::max(1, std::min(p.areas_per_municipality, 6));
  for (int i = 3; i < p.municipalities; ++i) {
    const Municipality& m = w.municipalities[static_cast<size_t>(i)];
    const std::string team = m.name;
    for (int k = 0; k < per; ++k) {
      add_area(w, m.code + "-" + std::to_string(k + 1),
               m.name + " " + std::string(kAreaSuffixes[static_cast<size_t>(k)]), i, team, 50);
    }
  }
}

void add_providers(World& w, const DatasetParams& p) {
  Rng rng(p.seed, Stream::kWorld, 0);
  // Community activities (K1): the welfare members of the cooperative, elsewhere a local one.
  const int alcander = static_cast<int>(w.providers.size());
  w.providers.push_back({agb(731, 1), "Alcander", "member", 140, false, 100});
  w.providers.push_back({agb(731, 2), "Welsun", "member", 90, false, 100});
  for (size_t i = 0; i < w.municipalities.size(); ++i) {
    Municipality& m = w.municipalities[i];
    if (i < 3) {
      m.k1_provider = alcander + (i == 0 ? 0 : 1);
    } else {
      m.k1_provider = static_cast<int>(w.providers.size());
      w.providers.push_back({agb(731, static_cast<int>(i) + 1), "Welzijn " + m.name, "supplier",
                             rng.between(15, 400), false, 100});
    }
  }
  const int first_specialist = static_cast<int>(w.providers.size());
  for (size_t j = 0; j < kSpecialists.size(); ++j) {
    const NamedProvider& s = kSpecialists[j];
    w.providers.push_back({agb(730, static_cast<int>(j) + 1), std::string(s.name), s.kind,
                           s.employees, s.ggz, static_cast<uint32_t>(rng.between(75, 140))});
  }
  const int regions =
      p.municipalities > 3 ? (p.municipalities - 3 + kRegionSize - 1) / kRegionSize : 0;
  const int first_regional = static_cast<int>(w.providers.size());
  for (int r = 0; r < regions; ++r) {
    for (int j = 0; j < kRegionalProviders; ++j) {
      const int n = r * kRegionalProviders + j + 1;
      const bool small = j % 4 == 3;
      w.providers.push_back({agb(732, n),
                             "Jeugdhulp Regio " + four_digits(r + 1) + " " +
                                 std::string(1, static_cast<char>('A' + j)),
                             j < 4 ? "subcontractor" : "supplier",
                             small ? rng.between(2, 9) : rng.between(12, 600), j % 3 == 0,
                             static_cast<uint32_t>(rng.between(75, 140))});
    }
  }
  for (size_t i = 0; i < w.municipalities.size(); ++i) {
    Municipality& m = w.municipalities[i];
    for (size_t j = 0; j < kSpecialists.size(); ++j) {
      m.k3_providers.push_back(first_specialist + static_cast<int>(j));
      // Outside the JENS region the cooperative's providers are a small part of the market.
      const uint32_t wgt = kSpecialists[j].weight;
      m.k3_weights.push_back(i < 3 ? wgt : (wgt + 9) / 10);
    }
    if (i >= 3) {
      const int r = (static_cast<int>(i) - 3) / kRegionSize;
      for (int j = 0; j < kRegionalProviders; ++j) {
        m.k3_providers.push_back(first_regional + r * kRegionalProviders + j);
        m.k3_weights.push_back(j % 4 == 3 ? 14 : 45);
      }
    }
    w.max_k3_slots = std::max(w.max_k3_slots, m.k3_providers.size());
  }
}

}  // namespace

World build_world(const DatasetParams& p) {
  World w;
  add_municipalities(w, p);
  add_areas(w, p);
  add_providers(w, p);
  for (size_t i = 0; i < w.municipalities.size(); ++i) {
    // About one GP practice per 150 clients, at least two per municipality.
    const uint64_t clients = p.clients * w.share_ppm(static_cast<int>(i)) / 1000000;
    w.municipalities[i].gp_practices = static_cast<int>(std::max<uint64_t>(2, clients / 150));
  }
  return w;
}

}  // namespace rk::demo
