// The random worlds of the property tests (property_test.cpp): a few municipalities, clients,
// trajectories and requests drawn from a seeded generator, kept as plain records that know nothing
// of the engine, and written as the contract's CSV files for the real importer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "ingest/bsn.hpp"

namespace rk::engine::property {

namespace fs = std::filesystem;

inline constexpr int kNone = -1;

// ---------------------------------------------------------------------------------------------
// The generated world, as plain records.

struct Client {
  int municipality = 0;
  int area = kNone;
};

struct Trajectory {
  int client = 0;
  int municipality = kNone;  // kNone: the client's
  int quadrant = 0;          // 0..2 = K1..K3
  int provider = 0;
  bool residential = false;
  int32_t start = 0;
  std::optional<int32_t> end;
};

struct Request {
  int client = 0;
  int64_t received = 0;  // local minutes since 1970-01-01T00:00
  std::optional<int64_t> complete, intake, approval, offer_letter;
};

struct World {
  int municipalities = 0;
  std::vector<int> area_municipality;  // per area
  int providers = 0;
  std::vector<Client> clients;
  std::vector<Trajectory> trajectories;
  std::vector<Request> requests;
};

inline std::string municipality_code(int m) {
  return "GM0" + std::to_string(100 + m);  // GM0100, GM0101, GM0102
}
inline std::string area_id(int a) { return "A" + std::to_string(a); }
inline std::string provider_id(int p) { return "P" + std::to_string(p); }
inline std::string client_id(int c) { return "C" + std::to_string(c); }
inline std::string quadrant_name(int q) { return "K" + std::to_string(q + 1); }

inline std::string date_text(int32_t d) { return Date{d}.to_string(); }
inline std::string time_text(int64_t minutes) {
  return Timestamp{minutes * 60}.to_string().substr(0, 16);  // YYYY-MM-DDTHH:MM
}
inline int32_t day_of(int64_t minutes) {
  return static_cast<int32_t>(minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440);
}

inline constexpr int32_t kDataFirst = 17683;  // 2018-06-01
inline constexpr int32_t kDataLast = 19357;   // 2022-12-31

inline World make_world(std::mt19937_64& rng) {
  const auto uniform = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  const auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  World w;
  w.municipalities = uniform(1, 3);
  for (int m = 0; m < w.municipalities; ++m)
    for (int k = uniform(0, 2); k > 0; --k) w.area_municipality.push_back(m);
  w.providers = uniform(1, 3);
  const int clients = uniform(1, 40);
  for (int c = 0; c < clients; ++c) {
    Client cl;
    cl.municipality = uniform(0, w.municipalities - 1);
    std::vector<int> areas;
    for (size_t a = 0; a < w.area_municipality.size(); ++a)
      if (w.area_municipality[a] == cl.municipality) areas.push_back(static_cast<int>(a));
    if (!areas.empty() && chance(0.8))
      cl.area = areas[static_cast<size_t>(uniform(0, static_cast<int>(areas.size()) - 1))];
    w.clients.push_back(cl);
    // 0..4 trajectories; often back to back or overlapping, to reach the edges.
    int32_t cursor = uniform(kDataFirst, kDataLast - 30);
    for (int k = uniform(0, 4); k > 0 && cursor <= kDataLast; --k) {
      Trajectory t;
      t.client = c;
      t.municipality = chance(0.7) ? kNone : uniform(0, w.municipalities - 1);
      t.quadrant = uniform(0, 2);
      t.provider = uniform(0, w.providers - 1);
      t.residential = chance(0.2);
      t.start = cursor;
      if (!chance(0.25)) {
        const int length = chance(0.2) ? uniform(0, 3) : uniform(0, 400);
        t.end = std::min(t.start + length, kDataLast);
      }
      w.trajectories.push_back(t);
      const int gap = uniform(-60, 120);
      cursor = (t.end ? *t.end : t.start) + gap;
      if (cursor < kDataFirst) cursor = kDataFirst;
    }
    // Requests: steps at random later moments, some missing; hours 07-20 (never the DST gap).
    for (int k = uniform(0, 3); k > 0; --k) {
      Request r;
      r.client = c;
      r.received = int64_t{uniform(kDataFirst, kDataLast - 40)} * 1440 + uniform(7 * 60, 20 * 60);
      const auto later = [&](int64_t from, int max_days) -> int64_t {
        const int64_t days = uniform(0, max_days);
        const int64_t base = (day_of(from) + days) * int64_t{1440};
        const int64_t t = base + uniform(7 * 60, 20 * 60);
        return std::max(t, from);
      };
      if (chance(0.85)) r.complete = later(r.received, chance(0.5) ? 3 : 14);
      if (chance(0.8)) r.intake = later(r.received, chance(0.5) ? 8 : 20);
      if (chance(0.6)) {
        r.approval = later(r.received, 30);
        if (chance(0.8)) r.offer_letter = later(*r.approval, chance(0.5) ? 6 : 15);
      }
      w.requests.push_back(r);
    }
  }
  return w;
}

inline void write_world(const World& w, const fs::path& dir) {
  fs::create_directories(dir);
  const auto file = [&](const char* name) { return std::ofstream(dir / name); };
  {
    auto f = file("municipalities.csv");
    f << "code,name\n";
    for (int m = 0; m < w.municipalities; ++m)
      f << municipality_code(m) << ",Gemeente " << m << "\n";
  }
  {
    auto f = file("areas.csv");
    f << "area_id,name,municipality\n";
    for (size_t a = 0; a < w.area_municipality.size(); ++a)
      f << area_id(static_cast<int>(a)) << ",Gebied " << a << ","
        << municipality_code(w.area_municipality[a]) << "\n";
  }
  {
    auto f = file("providers.csv");
    f << "provider_id,name,kind\n";
    for (int p = 0; p < w.providers; ++p) f << provider_id(p) << ",Aanbieder " << p << ",member\n";
  }
  {
    auto f = file("clients.csv");
    f << "client_id,birth_date,municipality,area_id\n";
    for (size_t c = 0; c < w.clients.size(); ++c)
      f << client_id(static_cast<int>(c)) << ",2010-05-05,"
        << municipality_code(w.clients[c].municipality) << ","
        << (w.clients[c].area == kNone ? "" : area_id(w.clients[c].area)) << "\n";
  }
  {
    auto f = file("trajectories.csv");
    f << "trajectory_id,client_id,quadrant,provider_id,municipality,residential,start_date,"
         "end_date,end_reason\n";
    for (size_t i = 0; i < w.trajectories.size(); ++i) {
      const Trajectory& t = w.trajectories[i];
      f << "T" << i << "," << client_id(t.client) << "," << quadrant_name(t.quadrant) << ","
        << provider_id(t.provider) << ","
        << (t.municipality == kNone ? "" : municipality_code(t.municipality)) << ","
        << (t.residential ? "true" : "false") << "," << date_text(t.start) << ","
        << (t.end ? date_text(*t.end) : "") << "," << (t.end ? "plan" : "") << "\n";
    }
  }
  {
    auto f = file("requests.csv");
    f << "request_id,client_id,received_at,referrer,complete_at,intake_at,approval_at,"
         "offer_letter_at\n";
    const auto opt = [](const std::optional<int64_t>& t) { return t ? time_text(*t) : ""; };
    for (size_t i = 0; i < w.requests.size(); ++i) {
      const Request& r = w.requests[i];
      f << "R" << i << "," << client_id(r.client) << "," << time_text(r.received) << ",gp,"
        << opt(r.complete) << "," << opt(r.intake) << "," << opt(r.approval) << ","
        << opt(r.offer_letter) << "\n";
    }
  }
}

}  // namespace rk::engine::property
