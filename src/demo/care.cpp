#include "demo/care.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <span>
#include <string_view>

#include "model/contract.hpp"

namespace rk::demo {
namespace {

constexpr int32_t kOngoing = INT32_MAX;

// Shares of the contract's referrers (model::kReferrers, in its order) in new requests (seed
// report §5.6: GPs bring a good third) and in requests for clients already in care (mostly
// extensions by the provider).
constexpr std::array<uint32_t, 11> kNewReferrerMix = {440, 85, 35, 55, 170, 70, 15, 90, 10, 20, 10};
constexpr std::array<uint32_t, 11> kInCareReferrerMix = {300, 60, 30, 100, 160, 50,
                                                         220, 60, 10, 5,   5};
static_assert(kNewReferrerMix.size() == model::kReferrers.size() &&
              kInCareReferrerMix.size() == model::kReferrers.size());
constexpr size_t kGp = 0;
static_assert(model::kReferrers[kGp] == "gp");

// Match: none, K1, K2, K3. GP referrals are more often solved without care (seed §3.2).
constexpr std::array<uint32_t, 4> kGpMatch = {250, 110, 350, 290};
constexpr std::array<uint32_t, 4> kOtherMatch = {120, 70, 340, 470};
constexpr std::array<std::string_view, 4> kMatchNames = {"none", "K1", "K2", "K3"};
constexpr std::array<std::string_view, 4> kQuadrantNames = {"", "K1", "K2", "K3"};

// Shares of model::kEndReasons, in its order.
constexpr std::array<uint32_t, 6> kEndReasonMix = {745, 80, 50, 30, 70, 25};
static_assert(kEndReasonMix.size() == model::kEndReasons.size());
constexpr std::array<std::string_view, 4> kK3Products = {"45A48", "45A49", "45A53", "54001"};

// Durations in days of care.
constexpr Bucket kK1Days[] = {{14, 60, 35}, {61, 120, 35}, {121, 240, 22}, {241, 400, 8}};
constexpr Bucket kK2Days[] = {
    {21, 90, 20}, {91, 180, 28}, {181, 365, 30}, {366, 730, 17}, {731, 1100, 5}};
constexpr Bucket kK3Days[] = {
    {30, 120, 22}, {121, 240, 28}, {241, 365, 22}, {366, 730, 20}, {731, 1460, 8}};
constexpr Bucket kResidentialDays[] = {
    {60, 180, 20}, {181, 365, 35}, {366, 730, 30}, {731, 1460, 15}};
constexpr Bucket kRemainingDays[] = {
    {14, 120, 30}, {121, 365, 35}, {366, 730, 25}, {731, 1200, 10}};
// Days on the waiting list, before the trend factor.
constexpr Bucket kK3Wait[] = {
    {7, 30, 12}, {31, 90, 25}, {91, 180, 33}, {181, 365, 22}, {366, 600, 8}};
constexpr Bucket kK2Wait[] = {{7, 21, 60}, {22, 60, 40}};
// Days between a care episode and the next request.
constexpr Bucket kReturnGap[] = {{30, 120, 40}, {121, 365, 40}, {366, 900, 20}};
// Age at the first request (youth care runs to 23).
constexpr Bucket kAge[] = {{0, 3, 10}, {4, 11, 38}, {12, 17, 42}, {18, 22, 10}};

struct Step {
  Minute at = kNoMinute;
  explicit operator bool() const { return at != kNoMinute; }
};

uint64_t bsn_prefix(uint64_t seed, uint64_t x) {
  // A bijection of [0, 10^8): the multiplier is coprime with 10.
  return (x * 48271 + mix64(seed) % 100000000) % 100000000;
}

// A citizen service number that passes the 11-test, distinct for distinct clients: candidates
// come from the bijection above at client + k * clients, so two clients never share one.
std::string make_bsn(uint64_t seed, uint64_t client, uint64_t clients) {
  for (uint64_t k = 0;; ++k) {
    const uint64_t prefix = bsn_prefix(seed, client + k * clients);
    if (prefix == 0) continue;
    char digits[10];
    uint64_t v = prefix;
    for (int i = 7; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    unsigned sum = 0;
    for (int i = 0; i < 8; ++i) sum += static_cast<unsigned>(digits[i] - '0') * (9 - i);
    const unsigned check = sum % 11;
    if (check > 9) continue;
    digits[8] = static_cast<char>('0' + check);
    digits[9] = '\0';
    return std::string(digits, 9);
  }
}

class ClientSim {
 public:
  ClientSim(const World& world, const DatasetParams& p, const SeasonClock& clock, CareFiles& files,
            CareTally& tally, uint64_t client)
      : world_(world),
        clock_(clock),
        p_(p),
        files_(files),
        tally_(tally),
        client_(client),
        width_(client_id_width(p.clients)),
        rng_(p.seed, Stream::kClient, client),
        first_(p.first_day.days),
        last_(p.last_day.days),
        export_(Minute{p.last_day.days + 1} * 1440 - 1) {}

  void run();

 private:
  struct Care {            // what a request decided, shared by its trajectories
    uint64_t request = 0;  // 0 = none (care transferred from before the window)
    size_t case_type = 0;
    size_t director = 2;
  };

  void place_home();
  int32_t arrival();
  void write_client(int32_t first_event);
  void transferred_care();
  // The steps of one request, each kNoMinute when it did not (yet) happen.
  struct RequestSteps {
    Step complete, contact, intake, core, matched, approval, offer, withdrawn;
  };
  // One request on `day`: its steps, its row and the care it leads to.
  void request(int32_t day);
  RequestSteps intake_steps(int32_t day, Minute received, bool urgent);
  void offer_steps(RequestSteps& s);
  void withdraw_and_cut(RequestSteps& s, int32_t day);
  void write_request(uint64_t k, size_t referrer, bool urgent, Minute received,
                     const RequestSteps& s, size_t match);
  int32_t next_request(int32_t day);
  Minute office_time(int32_t day, int from_minute = 8 * 60, int to_minute = 17 * 60);
  Care decide_care(uint64_t request);
  void start_care(const Care& care, size_t match, int32_t matched_day, int32_t ready_day);
  int32_t wait(const Care& care, int quadrant, int slot, int32_t since, bool abandon_possible);
  void trajectory(const Care& care, int quadrant, int slot, int32_t start, bool residential);
  void goals(uint64_t trajectory, int quadrant, int32_t end, size_t reason);
  [[nodiscard]] int own_provider() const;

  const World& world_;
  const SeasonClock& clock_;
  const DatasetParams& p_;
  CareFiles& files_;
  CareTally& tally_;
  uint64_t client_;
  int width_;
  Rng rng_;
  int32_t first_, last_;
  Minute export_;
  int municipality_ = 0;
  int area_ = -1;
  int32_t care_until_ = INT32_MIN;
  uint64_t requests_ = 0, trajectories_ = 0, entries_ = 0;
};

void ClientSim::place_home() {
  const uint64_t family = family_of(p_.seed, client_);
  Rng home(p_.seed, Stream::kHome, family);
  municipality_ = static_cast<int>(home.pick(world_.municipality_weights));
  const Municipality& m = world_.municipalities[static_cast<size_t>(municipality_)];
  area_ = m.areas.empty() || home.per_mille(40) ? -1 : m.areas[home.pick(m.area_weights)];
}

int32_t ClientSim::arrival() {
  // Uniform over the activity of the clock: clients arriving before the window were already in
  // care when it opened.
  const uint64_t from = clock_.position(clock_.from());
  return clock_.day_at(from + rng_.below64(clock_.position(last_ + 1) - from));
}

void ClientSim::write_client(int32_t first_event) {
  const int32_t age = draw(rng_, kAge);
  const int32_t birth = first_event - age * 365 - rng_.between(0, 364);
  CsvFile& f = *files_.clients;
  f.id("C", client_, width_);
  if (rng_.per_mille(200)) {
    f.text(make_bsn(p_.seed, client_, p_.clients));
  } else {
    f.empty();
  }
  f.date(birth).text(world_.municipalities[static_cast<size_t>(municipality_)].code);
  if (area_ >= 0) {
    f.text(world_.areas[static_cast<size_t>(area_)].id);
  } else {
    f.empty();
  }
  f.id("F", family_of(p_.seed, client_), width_);
  f.end_row();
}

void ClientSim::run() {
  place_home();
  const int32_t a = arrival();
  const bool transferred = a < first_;
  int32_t day = transferred ? first_ : a;
  write_client(transferred ? first_ : day);
  if (transferred) {
    transferred_care();
    day = next_request(first_);
  }
  while (day <= last_) {
    request(day);
    day = next_request(day);
  }
}

Minute ClientSim::office_time(int32_t day, int from_minute, int to_minute) {
  // Staff work on weekdays: a step that would fall in the weekend happens on Monday.
  const unsigned wd = weekday(day);
  if (wd >= 6) day += static_cast<int32_t>(8 - wd);
  return Minute{day} * 1440 + rng_.between(from_minute, to_minute);
}

int32_t ClientSim::next_request(int32_t day) {
  // In care: an extension, an upscaling or a new question; after care: sometimes a new episode.
  if (care_until_ > day + 30 && rng_.per_mille(p_.follow_up_per_mille))
    return clock_.advance(day, rng_.between(45, 240));
  if (care_until_ == kOngoing || !rng_.chance(p_.return_chance)) return kOngoing;
  return clock_.advance(std::max(day, care_until_), draw(rng_, kReturnGap));
}

ClientSim::Care ClientSim::decide_care(uint64_t request) {
  Care c;
  c.request = request;
  c.case_type = rng_.pick({500, 330, 170});
  if (c.case_type == 0) {
    c.director = rng_.per_mille(850) ? 2 : 0;
  } else {
    c.director = rng_.pick({720, 250, 30});
  }
  return c;
}

void ClientSim::transferred_care() {
  const Care care = decide_care(0);
  const size_t quadrant = 1 + rng_.pick({80, 220, 700});
  const int slot = static_cast<int>(
      rng_.pick(world_.municipalities[static_cast<size_t>(municipality_)].k3_weights));
  int32_t start = first_;
  if (quadrant == 3 && rng_.per_mille(300)) {
    // Waiting for specialist care since before the window; often with bridging care.
    start = wait(care, 3, slot, first_ - rng_.between(0, 150), false);
    if (start == kNoDay) return;
  }
  trajectory(care, static_cast<int>(quadrant), slot, start, quadrant == 3 && rng_.per_mille(80));
  if (rng_.per_mille(250)) trajectory(care, 2, 0, first_, false);
}

ClientSim::RequestSteps ClientSim::intake_steps(int32_t day, Minute received, bool urgent) {
  RequestSteps s;
  switch (rng_.pick({550, 300, 100, 50})) {
    case 0:
      s.complete.at = received + rng_.between(5, 240);
      break;
    case 1:
      s.complete.at = office_time(day + rng_.between(1, 3));
      break;
    case 2:
      s.complete.at = office_time(day + rng_.between(4, 15));
      break;
    default:
      break;
  }
  if (urgent) {
    s.contact.at = received + (rng_.per_mille(900) ? rng_.between(30, 20 * 60)
                                                   : rng_.between(25 * 60, 72 * 60));
  } else {
    s.contact.at =
        std::max(office_time(add_workdays(day, static_cast<int>(rng_.pick({15, 45, 30, 10})))),
                 received + 10);
  }
  if (s.complete) {
    const size_t late = rng_.pick({100, 250, 250, 150, 100, 80, 70});
    const int workdays = late < 6 ? static_cast<int>(late) : rng_.between(6, 12);
    const auto complete_day = static_cast<int32_t>(s.complete.at / 1440);
    s.intake.at = std::max(office_time(add_workdays(complete_day, workdays)), s.complete.at + 20);
    const int32_t core_day = static_cast<int32_t>(s.intake.at / 1440) +
                             (rng_.per_mille(950) ? rng_.between(1, 7) : rng_.between(8, 20));
    s.core.at = std::max(office_time(core_day, 9 * 60, 12 * 60), s.intake.at + 60);
    s.matched.at = rng_.per_mille(600)
                       ? s.core.at + rng_.between(10, 120)
                       : office_time(static_cast<int32_t>(s.core.at / 1440) + rng_.between(1, 14));
  }
  return s;
}

void ClientSim::offer_steps(RequestSteps& s) {
  s.approval.at =
      std::max(office_time(static_cast<int32_t>(s.matched.at / 1440) + rng_.between(0, 10)),
               s.matched.at + 30);
  const size_t late = rng_.pick({300, 350, 150, 100, 40, 20, 40});
  const int workdays = late < 6 ? static_cast<int>(late) : rng_.between(6, 12);
  s.offer.at =
      std::max(office_time(add_workdays(static_cast<int32_t>(s.approval.at / 1440), workdays)),
               s.approval.at + 15);
}

void ClientSim::withdraw_and_cut(RequestSteps& s, int32_t day) {
  if (!s.complete ? rng_.per_mille(500) : rng_.per_mille(35))
    s.withdrawn.at = office_time(day + (s.complete ? rng_.between(1, 40) : rng_.between(20, 60)));
  if (s.withdrawn.at > export_) s.withdrawn.at = kNoMinute;
  // Nothing after the export or after withdrawal is known; later steps follow earlier ones.
  const Minute limit = s.withdrawn ? std::min(export_, s.withdrawn.at) : export_;
  const auto cut = [limit](Step& step, bool keep) {
    if (!keep || step.at > limit) step.at = kNoMinute;
  };
  cut(s.complete, true);
  cut(s.contact, true);
  cut(s.intake, bool(s.complete));
  cut(s.core, bool(s.intake));
  cut(s.matched, bool(s.core));
  cut(s.approval, bool(s.matched));
  cut(s.offer, bool(s.approval));
}

void ClientSim::write_request(uint64_t k, size_t referrer, bool urgent, Minute received,
                              const RequestSteps& s, size_t match) {
  const Municipality& m = world_.municipalities[static_cast<size_t>(municipality_)];
  CsvFile& f = *files_.requests;
  f.sub_id("R", client_, width_, k)
      .id("C", client_, width_)
      .timestamp(received)
      .text(model::kReferrers[referrer]);
  if (referrer == kGp) {
    f.text("HA")
        .more(std::string_view(m.code).substr(2))
        .more("-")
        .more_number(rng_.below(static_cast<uint32_t>(m.gp_practices)) + 1, 2);
  } else {
    f.empty();
  }
  f.boolean(urgent)
      .timestamp(s.complete.at)
      .timestamp(s.contact.at)
      .timestamp(s.intake.at)
      .timestamp(s.core.at)
      .timestamp(s.matched.at);
  if (match < 4) {
    f.text(kMatchNames[match]);
  } else {
    f.empty();
  }
  f.timestamp(s.approval.at).timestamp(s.offer.at).timestamp(s.withdrawn.at).end_row();
}

void ClientSim::request(int32_t day) {
  const uint64_t k = ++requests_;
  const bool in_care = care_until_ >= day;
  const size_t referrer = rng_.pick(in_care ? kInCareReferrerMix : kNewReferrerMix);
  const bool urgent = rng_.per_mille(30);
  // Requests arrive also in the evening and, through the portal, now and then in the weekend.
  const Minute received =
      Minute{day} * 1440 + (rng_.per_mille(60) ? rng_.between(17 * 60 + 30, 22 * 60)
                                               : rng_.between(8 * 60, 17 * 60 + 30));
  RequestSteps s = intake_steps(day, received, urgent);
  size_t match = rng_.pick(referrer == kGp ? kGpMatch : kOtherMatch);
  // The offer letter goes to a specialist provider; the area teams (K2) start without one.
  if (match == 3 && s.matched) offer_steps(s);
  withdraw_and_cut(s, day);
  if (!s.matched) match = 4;  // no match yet
  write_request(k, referrer, urgent, received, s, match);

  if (match >= 1 && match < 4) {
    const auto matched_day = static_cast<int32_t>(s.matched.at / 1440);
    const int32_t ready_day =
        s.offer ? static_cast<int32_t>(s.offer.at / 1440)
                : (s.approval ? static_cast<int32_t>(s.approval.at / 1440) : matched_day);
    start_care(decide_care(k), match, matched_day, ready_day);
  }
}

void ClientSim::start_care(const Care& care, size_t match, int32_t matched_day, int32_t ready_day) {
  switch (match) {
    case 1:
      trajectory(care, 1, 0, matched_day + rng_.between(3, 30), false);
      break;
    case 2: {
      int32_t start = matched_day + rng_.between(1, 21);
      if (rng_.per_mille(60)) start = wait(care, 2, 0, matched_day, false);
      if (start != kNoDay) trajectory(care, 2, 0, start, false);
      if (rng_.per_mille(220)) trajectory(care, 1, 0, matched_day + rng_.between(3, 60), false);
      break;
    }
    default: {
      const Municipality& m = world_.municipalities[static_cast<size_t>(municipality_)];
      const int slot = static_cast<int>(rng_.pick(m.k3_weights));
      int32_t start = ready_day + rng_.between(7, 45);
      if (rng_.per_mille(550)) start = wait(care, 3, slot, ready_day, true);
      if (start != kNoDay) trajectory(care, 3, slot, start, rng_.per_mille(80));
      // Specialist care often comes with care by the area team or community activities.
      if (rng_.per_mille(420)) trajectory(care, 2, 0, matched_day + rng_.between(1, 21), false);
      if (rng_.per_mille(80)) trajectory(care, 1, 0, matched_day + rng_.between(3, 60), false);
      break;
    }
  }
}

int ClientSim::own_provider() const {
  const Municipality& m = world_.municipalities[static_cast<size_t>(municipality_)];
  const int area = area_ >= 0 ? area_ : m.areas.front();
  const Area& a = world_.areas[static_cast<size_t>(area)];
  return world_.teams[static_cast<size_t>(a.team)].own_provider;
}

int32_t ClientSim::wait(const Care& care, int quadrant, int slot, int32_t since,
                        bool abandon_possible) {
  if (since > last_) return kNoDay;
  int32_t days = draw(
      rng_, quadrant == 3 ? std::span<const Bucket>(kK3Wait) : std::span<const Bucket>(kK2Wait));
  if (quadrant == 3) {
    // Waiting times shrink over the window as the area teams grow (seed §5.6: 444 -> 288).
    const int64_t span = std::max(1, last_ - first_);
    const int64_t pos = std::clamp<int64_t>(since - first_, 0, span);
    days = static_cast<int32_t>(days * (1300 - 600 * pos / span) / 1000);
  }
  const int32_t until = since + std::max(days, 1);
  const bool abandoned = abandon_possible && rng_.per_mille(60);
  const Municipality& m = world_.municipalities[static_cast<size_t>(municipality_)];
  const uint64_t n = ++entries_;
  CsvFile& f = *files_.waitlist;
  f.sub_id("W", client_, width_, n).id("C", client_, width_);
  if (care.request != 0) {
    f.sub_id("R", client_, width_, care.request);
  } else {
    f.empty();
  }
  if (quadrant == 3 && rng_.per_mille(950)) {
    f.text(world_.providers[static_cast<size_t>(m.k3_providers[static_cast<size_t>(slot)])].id);
  } else if (quadrant == 2) {
    f.text(world_.providers[static_cast<size_t>(own_provider())].id);
  } else {
    f.empty();
  }
  f.text(kQuadrantNames[static_cast<size_t>(quadrant)])
      .text(model::kWaitKinds[rng_.pick({500, 350, 150})])
      .date(since)
      .date(until <= last_ ? until : kNoDay)
      .boolean(rng_.per_mille(quadrant == 3 ? 350 : 100))
      .end_row();
  return abandoned ? kNoDay : until;
}

void ClientSim::trajectory(const Care& care, int quadrant, int slot, int32_t start,
                           bool residential) {
  if (start > last_) return;
  const uint64_t n = ++trajectories_;
  const Municipality& m = world_.municipalities[static_cast<size_t>(municipality_)];
  const std::span<const Bucket> lengths = residential ? std::span<const Bucket>(kResidentialDays)
                                          : care.request == 0
                                              ? std::span<const Bucket>(kRemainingDays)
                                          : quadrant == 1 ? std::span<const Bucket>(kK1Days)
                                          : quadrant == 2 ? std::span<const Bucket>(kK2Days)
                                                          : std::span<const Bucket>(kK3Days);
  const int32_t end = start + draw(rng_, lengths) - 1;
  const bool ended = end <= last_;
  const int provider = quadrant == 1   ? m.k1_provider
                       : quadrant == 2 ? own_provider()
                                       : m.k3_providers[static_cast<size_t>(slot)];
  CsvFile& f = *files_.trajectories;
  f.sub_id("T", client_, width_, n).id("C", client_, width_);
  if (care.request != 0) {
    f.sub_id("R", client_, width_, care.request);
  } else {
    f.empty();
  }
  f.text(kQuadrantNames[static_cast<size_t>(quadrant)])
      .text(world_.providers[static_cast<size_t>(provider)].id);
  if (rng_.per_mille(950)) {
    f.text(m.code);
  } else {
    f.empty();  // defaults to the client's municipality
  }
  if (quadrant == 3) {
    f.text(residential ? std::string_view("43A12") : kK3Products[rng_.pick({500, 250, 150, 100})]);
  } else {
    f.empty();
  }
  const size_t reason = ended ? rng_.pick(kEndReasonMix) : model::kEndReasons.size();
  f.boolean(residential).date(start).date(ended ? end : kNoDay);
  if (ended) {
    f.text(model::kEndReasons[reason]);
  } else {
    f.empty();
  }
  f.text(model::kCaseTypes[care.case_type]).text(model::kDirectors[care.director]).end_row();

  goals(n, quadrant, ended ? end : kNoDay, reason);
  tally_.add(quadrant, municipality_, slot, start, std::min(end, last_), residential ? 3 : 1);
  care_until_ = ended ? std::max(care_until_, end) : kOngoing;
}

void ClientSim::goals(uint64_t trajectory, int quadrant, int32_t end, size_t reason) {
  const size_t count =
      quadrant == 1 ? (rng_.per_mille(300) ? 1 : 0) : rng_.pick({550, 350, 100}) + 1;
  static constexpr std::array<std::string_view, 3> kWeights = {"1", "2", "0.5"};
  for (size_t g = 1; g <= count; ++g) {
    CsvFile& f = *files_.goals;
    f.sub_id("G", client_, width_, trajectory).more("-").more_number(g, 1);
    f.sub_id("T", client_, width_, trajectory).text(kWeights[rng_.pick({800, 150, 50})]);
    if (end != kNoDay && rng_.per_mille(920)) {
      // Care ended by plan mostly reaches its goals; care ended early mostly does not.
      const size_t score =
          reason == 0 ? rng_.pick({20, 60, 250, 420, 250}) : rng_.pick({150, 300, 350, 150, 50});
      f.integer(static_cast<int64_t>(score) - 2).date(end);
    } else {
      f.empty().empty();
    }
    f.end_row();
  }
}

}  // namespace

CareTally::CareTally(const World& world, int32_t first_day, int32_t last_day)
    : months_(first_day, last_day),
      municipalities_(world.municipalities.size()),
      slots_(std::max<size_t>(1, world.max_k3_slots)),
      k1_(static_cast<size_t>(months_.count()) * municipalities_),
      k2_(k1_.size()),
      k3_(k1_.size() * slots_) {}

void CareTally::add(int quadrant, int municipality, int slot, int32_t start, int32_t end,
                    int64_t weight) {
  const int from = std::max(0, months_.index_of(start));
  const int to = std::min(months_.count() - 1, months_.index_of(end));
  for (int i = from; i <= to; ++i) {
    const int64_t days = std::min(end, months_.end(i)) - std::max(start, months_.start(i)) + 1;
    if (days <= 0) continue;
    if (quadrant == 3) {
      k3_[cell(i, municipality) * slots_ + static_cast<size_t>(slot)] += days * weight;
    } else {
      (quadrant == 1 ? k1_ : k2_)[cell(i, municipality)] += days * weight;
    }
  }
}

int client_id_width(uint64_t clients) {
  int digits = 1;
  for (uint64_t v = clients; v >= 10; v /= 10) ++digits;
  return std::max(6, digits);
}

uint64_t family_of(uint64_t seed, uint64_t client) {
  // A family never spans a multiple of three, so it has at most three children and the search
  // below is short.
  const auto starts_family = [seed](uint64_t j) {
    return j <= 1 || j % 3 == 0 || Rng(seed, Stream::kFamily, j).below(100) < 72;
  };
  uint64_t j = client;
  while (!starts_family(j)) --j;
  return j;
}

void generate_care(const World& world, const DatasetParams& p, CareFiles& files, CareTally& tally) {
  const int32_t span = p.last_day.days - p.first_day.days + 1;
  const double share = std::clamp(p.transferred_share, 0.0, 0.9);
  const auto before = static_cast<int32_t>(span * share / (1.0 - share));
  const SeasonClock clock(p.first_day.days - before, p.last_day.days);
  for (uint64_t c = 1; c <= p.clients; ++c) ClientSim(world, p, clock, files, tally, c).run();
}

}  // namespace rk::demo
