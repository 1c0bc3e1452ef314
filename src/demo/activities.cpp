#include "demo/activities.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace rk::demo {
namespace {

// One activity of the social map as a provider of its kind offers it. Waiting weeks are drawn in
// [wait_lo, wait_hi]; wait_hi < 0 means a walk-in activity without waiting list (left empty).
struct Offer {
  std::string_view name;
  std::string_view target_group;
  int wait_lo;
  int wait_hi;
};

// The welfare provider's activities (Alcander, Welsun, "Welzijn …"): an area gets three to five.
constexpr std::array<Offer, 8> kWelfare = {{
    {"Jongerenwerk", "Jongeren van 12 tot 23 jaar", 0, -1},
    {"Buurtsportcoach", "Kinderen en jongeren van 4 tot 18 jaar", 0, -1},
    {"Ouder-kindgroep", "Ouders met kinderen van 0 tot 4 jaar", 0, 4},
    {"Schoolmaatschappelijk werk", "Leerlingen van basis- en voortgezet onderwijs en hun ouders", 1,
     6},
    {"Mantelzorgondersteuning jeugd", "Jonge mantelzorgers van 8 tot 24 jaar", 0, 3},
    {"Huiswerkbegeleiding", "Leerlingen van 10 tot 16 jaar", 0, 8},
    {"Kinderwerk", "Kinderen van 6 tot 12 jaar", 0, -1},
    {"Maatjesproject jongeren", "Jongeren van 12 tot 18 jaar die steun zoeken", 2, 10},
}};

// The area team's own activities: the parenting consultation hour in every area, one more in some.
constexpr std::array<Offer, 3> kTeam = {{
    {"Opvoedspreekuur", "Ouders en opvoeders van kinderen van 0 tot 18 jaar", 0, 2},
    {"Inloopspreekuur gebiedsteam", "Inwoners met een vraag over opgroeien en opvoeden", 0, -1},
    {"Scheidingsspreekuur", "Ouders in scheiding en hun kinderen", 1, 4},
}};

// Prevention groups of the cooperative's members, offered in some areas of the JENS region.
struct MemberOffer {
  std::string_view provider;  // name as in the world's providers
  Offer offer;
};
constexpr std::array<MemberOffer, 3> kMembers = {{
    {"Mondriaan", {"Grip op je dip", "Jongeren van 16 tot 25 jaar met sombere gevoelens", 2, 8}},
    {"Xonar", {"Weerbaarheidstraining", "Kinderen van 8 tot 12 jaar", 1, 6}},
    {"Radar", {"Brussengroep", "Broers en zussen van kinderen met een beperking", 2, 10}},
}};

// "Welzijn 's-Gravenhage" → "welzijnsgravenhage": letters and digits of a name, lower case.
std::string slug(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

// FNV-1a of a provider's id: the same on every platform, unlike std::hash.
uint64_t fnv1a(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}
// Phone numbers draw from indexes far above the areas' (one generator per area index).
constexpr uint64_t kPhoneIndex = uint64_t{1} << 40;

// An organisation's contact for one of its activities: its phone number (one per provider; in the
// JENS region 045 and seven digits, elsewhere 088, always with a dash, so never 9 digits in a
// row), an e-mail address for the activity, or its website.
std::string contact(Rng& rng, const DatasetParams& p, const Provider& provider, const Offer& offer,
                    bool jens) {
  const std::string domain = slug(provider.name) + ".nl";
  switch (rng.below(3)) {
    case 0: {
      Rng number(p.seed, Stream::kActivity, kPhoneIndex + fnv1a(provider.id));
      return (jens ? "045-" : "088-") + std::to_string(number.between(5000000, 5999999));
    }
    case 1:
      return slug(offer.name) + "@" + domain;
    default:
      return "www." + domain;
  }
}

void write_offer(CsvFile& f, Rng& rng, const DatasetParams& p, const Provider& provider,
                 const Area& area, const Offer& offer, bool jens) {
  f.text(provider.id).text(area.id).text(offer.name).text(offer.target_group);
  f.text(contact(rng, p, provider, offer, jens));
  if (offer.wait_hi < 0) {
    f.empty();
  } else {
    f.integer(rng.between(offer.wait_lo, offer.wait_hi));
  }
  f.end_row();
}

int provider_named(const World& world, std::string_view name) {
  for (size_t i = 0; i < world.providers.size(); ++i)
    if (world.providers[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

void write_activities(const World& world, const DatasetParams& p, CsvFile& activities) {
  for (size_t a = 0; a < world.areas.size(); ++a) {
    const Area& area = world.areas[a];
    const Municipality& m = world.municipalities[static_cast<size_t>(area.municipality)];
    const bool jens = area.municipality < 3;
    Rng rng(p.seed, Stream::kActivity, a);
    const Provider& welfare = world.providers[static_cast<size_t>(m.k1_provider)];
    // Three to five of the welfare activities, each at most once: a partial shuffle.
    std::array<size_t, kWelfare.size()> order{};
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto count = static_cast<size_t>(rng.between(3, 5));
    for (size_t i = 0; i < count; ++i) {
      std::swap(order[i], order[i + rng.below(static_cast<uint32_t>(order.size() - i))]);
      write_offer(activities, rng, p, welfare, area, kWelfare[order[i]], jens);
    }
    const Team& team = world.teams[static_cast<size_t>(area.team)];
    const Provider& own = world.providers[static_cast<size_t>(team.own_provider)];
    write_offer(activities, rng, p, own, area, kTeam[0], jens);
    if (rng.per_mille(600))
      write_offer(activities, rng, p, own, area, kTeam[1 + rng.below(kTeam.size() - 1)], jens);
    if (!jens) continue;
    for (const MemberOffer& member : kMembers) {
      const int provider = provider_named(world, member.provider);
      if (provider >= 0 && rng.per_mille(450))
        write_offer(activities, rng, p, world.providers[static_cast<size_t>(provider)], area,
                    member.offer, jens);
    }
  }
}

}  // namespace rk::demo
