#include "demo/ijw_messages.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "calendar/date.hpp"
#include "ingest/bsn.hpp"
#include "ingest/ijw/codes.hpp"

namespace rk::demo {
namespace {

namespace fs = std::filesystem;
namespace ijw = ingest::ijw;

// A CSV file of the generator: unquoted fields, first line the header.
class Table {
 public:
  static Result<Table> read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error(ErrorKind::kIo, "kan " + path.string() + " niet lezen");
    Table t;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> fields;
      std::stringstream ss(line);
      std::string f;
      while (std::getline(ss, f, ',')) fields.push_back(f);
      if (!line.empty() && line.back() == ',') fields.emplace_back();
      if (header) {
        for (size_t i = 0; i < fields.size(); ++i) t.columns_[fields[i]] = i;
        header = false;
      } else {
        fields.resize(t.columns_.size());
        t.rows_.push_back(std::move(fields));
      }
    }
    return t;
  }
  [[nodiscard]] size_t size() const { return rows_.size(); }
  [[nodiscard]] const std::string& get(size_t row, const std::string& column) const {
    static const std::string kEmpty;
    const auto it = columns_.find(column);
    return it == columns_.end() ? kEmpty : rows_[row][it->second];
  }

 private:
  std::map<std::string, size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
};

struct Client {
  std::string bsn;
  std::string birth_date;
  std::string municipality;  // GM0917
};

struct Trajectory {
  std::string client;  // client_id in the dataset
  std::string request;
  std::string provider;  // AGB code
  std::string municipality;
  std::string product;
  std::string start, end, end_reason;
  int64_t number = 0;   // ToewijzingNummer
  bool linked = false;  // request carried in the messages
};

struct Request {
  std::string client;
  std::string received;  // date
  std::string referrer;  // contract referrer after the COD327 round trip
  std::string cod327;
  std::string provider;  // provider of its first trajectory in the projection
  std::string municipality;
  std::vector<size_t> trajectories;
};

bool is_agb(std::string_view id) {
  return id.size() == 8 && id.find_first_not_of("0123456789") == std::string_view::npos;
}

// A BSN passing the 11-test made from an 8-digit prefix.
std::string bsn_from_prefix(uint64_t prefix) {
  std::string digits = fmt::format("{:08d}", prefix);
  unsigned sum = 0;
  for (int i = 0; i < 8; ++i)
    sum += static_cast<unsigned>(digits[static_cast<size_t>(i)] - '0') * (9 - i);
  const unsigned check = sum % 11;
  if (check > 9) return {};
  digits.push_back(static_cast<char>('0' + check));
  return digits;
}

// The next ToewijzingNummer after `number`. Numbers with 9 digits that pass the 11-test are
// skipped: they would make the trajectory id BSN-shaped, and the importer refuses such a message.
// (The demo's numbers stay far below 9 digits; this keeps any dataset size importable.)
int64_t next_assignment_number(int64_t number) {
  do {
    ++number;
  } while (number >= 100000000 && ingest::is_valid_bsn(std::to_string(number)));
  return number;
}

std::string category_of(const std::string& product) {
  const std::string cat = product.substr(0, 2);
  return ijw::is_product_category(cat) ? cat : std::string("45");
}

std::string shift(const std::string& date, int32_t days) {
  return (parse_date(date).value_or(Date{}) + days).to_string();
}

class Writer {
 public:
  explicit Writer(fs::path dir) : dir_(std::move(dir)) {}

  Status write(std::string_view type, const std::string& body) {
    const fs::path path = dir_ / fmt::format("{:07d}_{}.xml", ++count_, type);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr)
      return Status::error(ErrorKind::kIo, "kan " + path.string() + " niet schrijven");
    const bool ok = std::fwrite(body.data(), 1, body.size(), f) == body.size();
    if (std::fclose(f) != 0 || !ok)
      return Status::error(ErrorKind::kIo, "kan " + path.string() + " niet schrijven");
    bytes_ += body.size();
    return Status::ok();
  }
  [[nodiscard]] uint64_t count() const { return count_; }
  [[nodiscard]] uint64_t bytes() const { return bytes_; }
  std::string next_id() { return fmt::format("M{:011d}", ++ids_); }

 private:
  fs::path dir_;
  uint64_t count_ = 0;
  uint64_t ids_ = 0;
  uint64_t bytes_ = 0;
};

std::string header(std::string_view type, std::string_view code, std::string_view from,
                   std::string_view to, std::string_view id, std::string_view date) {
  const std::string p = fmt::format("jw{}", type.substr(2));
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<{0}:Bericht xmlns:ijw=\"http://www.istandaarden.nl/ijw/3_2/basisschema/schema\" "
      "xmlns:{0}=\"http://www.istandaarden.nl/ijw/3_2/{0}/schema\">\n"
      "  <{0}:Header>\n"
      "    <{0}:BerichtCode>{1}</{0}:BerichtCode>\n"
      "    <{0}:BerichtVersie>3</{0}:BerichtVersie>\n"
      "    <{0}:BerichtSubversie>2</{0}:BerichtSubversie>\n"
      "    <{0}:Afzender>{2}</{0}:Afzender>\n"
      "    <{0}:Ontvanger>{3}</{0}:Ontvanger>\n"
      "    <{0}:BerichtIdentificatie>\n"
      "      <ijw:Identificatie>{4}</ijw:Identificatie>\n"
      "      <ijw:Dagtekening>{5}</ijw:Dagtekening>\n"
      "    </{0}:BerichtIdentificatie>\n"
      "    <{0}:XsdVersie>\n"
      "      <ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>\n"
      "      <ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>\n"
      "    </{0}:XsdVersie>\n"
      "  </{0}:Header>\n",
      p, code, from, to, id, date);
}

std::string client_head(std::string_view p, const Client& c, bool full_name) {
  std::string s = fmt::format(
      "  <{0}:Client>\n"
      "    <{0}:Bsn>{1}</{0}:Bsn>\n"
      "    <{0}:Geboortedatum>\n"
      "      <ijw:Datum>{2}</ijw:Datum>\n"
      "    </{0}:Geboortedatum>\n"
      "    <{0}:Geslacht>0</{0}:Geslacht>\n"
      "    <{0}:Naam>\n"
      "      <ijw:Geslachtsnaam>\n"
      "        <ijw:Achternaam>Jansen</ijw:Achternaam>\n"
      "      </ijw:Geslachtsnaam>\n",
      p, c.bsn, c.birth_date);
  if (full_name) s += "      <ijw:NaamGebruik>1</ijw:NaamGebruik>\n";
  s += fmt::format("    </{0}:Naam>\n", p);
  return s;
}

std::string product(std::string_view p, const std::string& code) {
  if (code.empty()) return {};
  return fmt::format(
      "        <{0}:Product>\n"
      "          <ijw:Categorie>{1}</ijw:Categorie>\n"
      "          <ijw:Code>{2}</ijw:Code>\n"
      "        </{0}:Product>\n",
      p, category_of(code), code);
}

std::string footer(std::string_view p, std::string_view list) {
  return fmt::format("    </{0}:{1}>\n  </{0}:Client>\n</{0}:Bericht>\n", p, list);
}

Status write_jw315(Writer& w, const Request& r, const Client& c,
                   const std::vector<Trajectory>& trajectories, const std::string& reference) {
  const std::string muni = r.municipality.substr(2);
  std::string s = header("JW315", "446", r.provider, muni, w.next_id(), r.received);
  s += client_head("jw315", c, false);
  s += "    <jw315:AangevraagdeProducten>\n";
  for (size_t t : r.trajectories) {
    const Trajectory& tr = trajectories[t];
    s += fmt::format(
        "      <jw315:AangevraagdProduct>\n"
        "        <jw315:ReferentieAanbieder>{}</jw315:ReferentieAanbieder>\n",
        reference);
    s += product("jw315", tr.product);
    s += fmt::format(
        "        <jw315:ToewijzingIngangsdatum>{}</jw315:ToewijzingIngangsdatum>\n"
        "        <jw315:Verwijzer>\n"
        "          <ijw:Type>{}</ijw:Type>\n"
        "        </jw315:Verwijzer>\n"
        "      </jw315:AangevraagdProduct>\n",
        tr.start, r.cod327);
  }
  s += footer("jw315", "AangevraagdeProducten");
  return w.write("JW315", s);
}

Status write_jw301(Writer& w, const Trajectory& t, const Client& c) {
  const std::string assigned = shift(t.start, -7);
  std::string s =
      header("JW301", "436", t.municipality.substr(2), t.provider, w.next_id(), assigned);
  s += client_head("jw301", c, true);
  s += "    <jw301:Contactgegevens>\n"
       "      <jw301:Contact>\n"
       "        <jw301:Soort>01</jw301:Soort>\n"
       "      </jw301:Contact>\n"
       "    </jw301:Contactgegevens>\n"
       "    <jw301:ToegewezenProducten>\n"
       "      <jw301:ToegewezenProduct>\n";
  s += fmt::format("        <jw301:ToewijzingNummer>{}</jw301:ToewijzingNummer>\n", t.number);
  if (t.linked)
    s += fmt::format("        <jw301:ReferentieAanbieder>{}</jw301:ReferentieAanbieder>\n",
                     t.request);
  s += product("jw301", t.product);
  s += fmt::format(
      "        <jw301:Toewijzingsdatum>{}</jw301:Toewijzingsdatum>\n"
      "        <jw301:Toewijzingstijd>09:00:00</jw301:Toewijzingstijd>\n"
      "        <jw301:Ingangsdatum>{}</jw301:Ingangsdatum>\n",
      assigned, t.start);
  if (!t.end.empty()) s += fmt::format("        <jw301:Einddatum>{}</jw301:Einddatum>\n", t.end);
  s += "      </jw301:ToegewezenProduct>\n";
  s += footer("jw301", "ToegewezenProducten");
  return w.write("JW301", s);
}

Status write_start_or_stop(Writer& w, const Trajectory& t, const Client& c, bool stop) {
  const std::string_view type = stop ? "JW307" : "JW305";
  const std::string p = stop ? "jw307" : "jw305";
  const std::string_view list = stop ? "StopProducten" : "StartProducten";
  const std::string_view item = stop ? "StopProduct" : "StartProduct";
  std::string s = header(type, stop ? "440" : "438", t.provider, t.municipality.substr(2),
                         w.next_id(), stop ? t.end : t.start);
  s += client_head(p, c, false);
  s += fmt::format("    <{0}:{1}>\n      <{0}:{2}>\n", p, list, item);
  s += fmt::format("        <{0}:ToewijzingNummer>{1}</{0}:ToewijzingNummer>\n", p, t.number);
  s += product(p, t.product);
  s += fmt::format("        <{0}:ToewijzingIngangsdatum>{1}</{0}:ToewijzingIngangsdatum>\n", p,
                   t.start);
  s += fmt::format("        <{0}:Begindatum>{1}</{0}:Begindatum>\n", p, t.start);
  if (stop) {
    s += fmt::format("        <{0}:RedenBeeindiging>{1}</{0}:RedenBeeindiging>\n", p,
                     ijw::jz588_for_end_reason(t.end_reason));
    s += fmt::format("        <{0}:Einddatum>{1}</{0}:Einddatum>\n", p, t.end);
  }
  s += fmt::format("        <{0}:StatusAanlevering>1</{0}:StatusAanlevering>\n      </{0}:{1}>\n",
                   p, item);
  s += footer(p, list);
  return w.write(type, s);
}

Status write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return Status::error(ErrorKind::kIo, "kan " + path.string() + " niet schrijven");
  return Status::ok();
}

// Providers get AGB codes (kept when their id is one); `own` marks the cooperative's own.
struct ProviderCodes {
  std::unordered_map<std::string, std::string> agb;  // provider id -> AGB code
  std::unordered_map<std::string, bool> own;         // AGB code -> own provider
  std::string csv;                                   // providers.csv with the AGB codes
};

ProviderCodes provider_codes(const Table& providers) {
  ProviderCodes out;
  std::unordered_set<std::string> used_agb;
  for (size_t r = 0; r < providers.size(); ++r)
    if (is_agb(providers.get(r, "provider_id"))) used_agb.insert(providers.get(r, "provider_id"));
  uint64_t next_agb = 98000000;
  out.csv = "provider_id,name,kind,employees,ggz\n";
  for (size_t r = 0; r < providers.size(); ++r) {
    const std::string& id = providers.get(r, "provider_id");
    std::string code = id;
    if (!is_agb(id)) {
      do code = fmt::format("{:08d}", next_agb++);
      while (used_agb.count(code) != 0);
      used_agb.insert(code);
    }
    out.agb[id] = code;
    out.own[code] = providers.get(r, "kind") == "own";
    out.csv +=
        fmt::format("{},{},{},{},{}\n", code, providers.get(r, "name"), providers.get(r, "kind"),
                    providers.get(r, "employees"), providers.get(r, "ggz"));
  }
  return out;
}

// Clients by client id, each with a BSN (made up for those without one).
std::unordered_map<std::string, Client> clients_with_bsn(const Table& clients) {
  std::unordered_map<std::string, Client> client;
  std::unordered_set<std::string> used_bsn;
  for (size_t r = 0; r < clients.size(); ++r)
    if (!clients.get(r, "bsn").empty()) used_bsn.insert(clients.get(r, "bsn"));
  uint64_t next_bsn = 10000000;
  for (size_t r = 0; r < clients.size(); ++r) {
    Client c{clients.get(r, "bsn"), clients.get(r, "birth_date"), clients.get(r, "municipality")};
    while (c.bsn.empty()) {
      std::string b = bsn_from_prefix(next_bsn++);
      if (!b.empty() && used_bsn.insert(b).second) c.bsn = b;
    }
    client[clients.get(r, "client_id")] = std::move(c);
  }
  return client;
}

// Requests by request id, with the referrer after the COD327 round trip.
std::map<std::string, Request> requests_by_id(const Table& requests) {
  std::map<std::string, Request> request;
  for (size_t r = 0; r < requests.size(); ++r) {
    Request q;
    q.client = requests.get(r, "client_id");
    q.received = requests.get(r, "received_at").substr(0, 10);
    q.cod327 = std::string(ijw::cod327_for_referrer(requests.get(r, "referrer")));
    q.referrer = std::string(ijw::referrer_for_cod327(q.cod327));
    request[requests.get(r, "request_id")] = std::move(q);
  }
  return request;
}

// Trajectories messages can carry: K2 at an own provider, K3 at another, in the client's
// municipality. Each request is linked to the trajectories of its first provider.
std::vector<Trajectory> kept_trajectories(const Table& trajectories, ProviderCodes& providers,
                                          const std::unordered_map<std::string, Client>& client,
                                          std::map<std::string, Request>& request) {
  std::vector<Trajectory> kept;
  int64_t number = 0;
  for (size_t r = 0; r < trajectories.size(); ++r) {
    const std::string& quadrant = trajectories.get(r, "quadrant");
    const std::string code = providers.agb[trajectories.get(r, "provider_id")];
    const auto c = client.find(trajectories.get(r, "client_id"));
    if (c == client.end() || code.empty()) continue;
    if (quadrant != (providers.own[code] ? "K2" : "K3")) continue;
    std::string muni = trajectories.get(r, "municipality");
    if (muni.empty()) muni = c->second.municipality;
    if (muni != c->second.municipality) continue;
    Trajectory t{c->first,
                 trajectories.get(r, "request_id"),
                 code,
                 muni,
                 trajectories.get(r, "product"),
                 trajectories.get(r, "start_date"),
                 trajectories.get(r, "end_date"),
                 trajectories.get(r, "end_reason"),
                 number = next_assignment_number(number)};
    if (!t.end_reason.empty())
      t.end_reason =
          std::string(ijw::end_reason_for_jz588(ijw::jz588_for_end_reason(t.end_reason)));
    if (auto q = request.find(t.request); q != request.end()) {
      Request& rq = q->second;
      if (rq.provider.empty()) {
        rq.provider = code;
        rq.municipality = muni;
      }
      if (rq.provider == code && rq.client == t.client) {
        t.linked = true;
        rq.trajectories.push_back(kept.size());
      }
    }
    kept.push_back(std::move(t));
  }
  return kept;
}

// The CSV files of what the messages carry, written next to them.
struct CarriedCsv {
  std::string requests = "request_id,bsn,received_at,referrer\n";
  std::string trajectories =
      "trajectory_id,bsn,request_id,quadrant,provider_id,municipality,product,residential,"
      "start_date,end_date,end_reason\n";
  std::string clients = "client_id,bsn,birth_date,municipality\n";
};

// Writes a JW315 per request that carries trajectories, and a JW301, JW305 and (when ended)
// JW307 per kept trajectory; fills `csv` and `summary` with what they carry.
Status write_messages(Writer& w, const std::map<std::string, Request>& request,
                      std::unordered_map<std::string, Client>& client,
                      const std::vector<Trajectory>& kept, ProviderCodes& providers,
                      CarriedCsv& csv, IjwSummary& summary) {
  for (const auto& [id, q] : request) {
    if (q.trajectories.empty()) continue;
    const Client& c = client[q.client];
    csv.requests +=
        fmt::format("{}-{},{},{}T00:00,{}\n", q.provider, id, c.bsn, q.received, q.referrer);
    if (Status s = write_jw315(w, q, c, kept, id); !s) return s;
    ++summary.requests;
  }
  std::set<std::string> in_messages;
  for (const Trajectory& t : kept) {
    const Client& c = client[t.client];
    in_messages.insert(t.client);
    const bool residential =
        !t.product.empty() && ijw::is_residential_category(category_of(t.product));
    csv.trajectories += fmt::format(
        "{}-{}-{},{},{},{},{},{},{},{},{},{},{}\n", t.municipality, t.provider, t.number, c.bsn,
        t.linked ? fmt::format("{}-{}", t.provider, t.request) : std::string(),
        providers.own[t.provider] ? "K2" : "K3", t.provider, t.municipality, t.product,
        residential ? "true" : "false", t.start, t.end, t.end_reason);
    if (Status s = write_jw301(w, t, c); !s) return s;
    if (Status s = write_start_or_stop(w, t, c, false); !s) return s;
    if (!t.end.empty())
      if (Status s = write_start_or_stop(w, t, c, true); !s) return s;
    ++summary.trajectories;
  }
  for (const std::string& id : in_messages) {
    const Client& c = client[id];
    csv.clients += fmt::format(",{},{},{}\n", c.bsn, c.birth_date, c.municipality);
    ++summary.clients;
  }
  return Status::ok();
}

}  // namespace

Result<IjwSummary> write_ijw_messages(const std::string& dataset_dir, const std::string& out_dir) {
  const fs::path in(dataset_dir);
  auto municipalities = Table::read(in / "municipalities.csv");
  auto providers = Table::read(in / "providers.csv");
  auto clients = Table::read(in / "clients.csv");
  auto requests = Table::read(in / "requests.csv");
  auto trajectories = Table::read(in / "trajectories.csv");
  for (const auto* t : {&municipalities, &providers, &clients, &requests, &trajectories})
    if (!*t) return t->status();
  std::error_code ec;
  const fs::path csv_dir = fs::path(out_dir) / "csv";
  const fs::path msg_dir = fs::path(out_dir) / "ijw";
  fs::create_directories(csv_dir, ec);
  fs::create_directories(msg_dir, ec);
  if (ec)
    return Status::error(ErrorKind::kIo, "kan map " + out_dir + " niet maken: " + ec.message());

  ProviderCodes codes = provider_codes(*providers);
  std::unordered_map<std::string, Client> client = clients_with_bsn(*clients);
  std::map<std::string, Request> request = requests_by_id(*requests);
  const std::vector<Trajectory> kept = kept_trajectories(*trajectories, codes, client, request);

  Writer w(msg_dir);
  IjwSummary summary;
  CarriedCsv csv;
  if (Status s = write_messages(w, request, client, kept, codes, csv, summary); !s) return s;
  std::string municipalities_csv = "code,name\n";
  for (size_t r = 0; r < municipalities->size(); ++r)
    municipalities_csv +=
        fmt::format("{},{}\n", municipalities->get(r, "code"), municipalities->get(r, "name"));
  for (const auto& [name, text] :
       {std::pair<const char*, const std::string&>{"municipalities.csv", municipalities_csv},
        {"providers.csv", codes.csv},
        {"clients.csv", csv.clients},
        {"requests.csv", csv.requests},
        {"trajectories.csv", csv.trajectories}})
    if (Status s = write_text(csv_dir / name, text); !s) return s;
  summary.messages = w.count();
  summary.bytes = w.bytes();
  return summary;
}

}  // namespace rk::demo
