#include "ingest/ijw/message_import.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "ingest/field_parser.hpp"
#include "ingest/ijw/ledger.hpp"
#include "ingest/ijw/reader.hpp"
#include "ingest/key_set.hpp"

namespace rk::ingest::ijw {
namespace {

using model::Kind;
using store::Cell;

constexpr std::string_view kLedgerFlag = "ijw.ledger";

// A message that passed every check, with its BSN already replaced by the pseudonym.
struct Accepted {
  Message message;
  Stamp stamp;
};

// Per message type (and one bucket for unreadable and other messages): the summary line.
constexpr size_t kBuckets = 5;
constexpr size_t kOtherBucket = 4;

// A reusable read buffer one byte larger than the largest message accepted, so that a file is
// read with one open, one read and one close, and an oversized file shows itself by filling it.
struct FileBuffer {
  std::unique_ptr<char[]> data = std::make_unique<char[]>(kMaxMessageBytes + 1);
  size_t size = 0;
  [[nodiscard]] std::string_view text() const { return {data.get(), size}; }
};

bool read_file(const std::string& path, FileBuffer& buffer, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = fmt::format("kan bestand niet openen: {}", std::strerror(errno));
    return false;
  }
  constexpr size_t kCapacity = kMaxMessageBytes + 1;
  buffer.size = 0;
  bool ok = true;
  while (buffer.size < kCapacity) {
    const size_t want = kCapacity - buffer.size;
    const ssize_t n = ::read(fd, buffer.data.get() + buffer.size, want);
    if (n < 0 && errno == EINTR) continue;
    ok = n >= 0;
    if (n <= 0) break;
    buffer.size += static_cast<size_t>(n);
    // A short read is the end of a regular file (message files are regular files).
    if (static_cast<size_t>(n) < want) break;
  }
  ::close(fd);
  if (!ok) {
    error = fmt::format("kan bestand niet lezen: {}", std::strerror(errno));
    return false;
  }
  if (buffer.size > kMaxMessageBytes) {
    error = fmt::format("bericht te groot (meer dan {} bytes)", kMaxMessageBytes);
    return false;
  }
  return true;
}

// The content of a message as regiekamer reads it; equal digests mean an identical repeat.
uint64_t digest(const Message& m) {
  std::string s = fmt::format("{}|{}|{}|{}|{}|{}|{}", static_cast<int>(m.type), m.sender,
                              m.receiver, m.id, m.date.days, m.bsn, m.birth_date.days);
  for (const ProductLine& p : m.products) {
    fmt::format_to(std::back_inserter(s), "|{},{},{},{},{},{},{},{},{}", p.assignment, p.category,
                   p.code, p.start ? p.start->days : kNoDay, p.end ? p.end->days : kNoDay,
                   p.reason_code, p.status == 0 ? ' ' : p.status, p.reference, p.referrer);
  }
  return hash_key(s);
}

uint8_t rank(MessageType t) {
  switch (t) {
    case MessageType::kJw315:
      return 0;
    case MessageType::kJw301:
      return 1;
    case MessageType::kJw305:
      return 2;
    case MessageType::kJw307:
      return 3;
  }
  return 0;
}

const model::FieldSpec& contract_field(Kind kind, std::string_view name) {
  const auto& spec = model::table_spec(kind);
  return spec.fields[static_cast<size_t>(spec.field_index(name))];
}

// The values of a product line that become contract ids pass the rule every CSV cell passes
// (check_not_bsn_shaped): ReferentieAanbieder is part of a request_id (JW315, and the request of
// a JW301), ToewijzingNummer of a trajectory_id. Checked before the message reaches the ledger.
// Returns false with the element and a reason when one holds a BSN-shaped number.
bool bsn_free(const Message& m, const ProductLine& p, std::string& element, std::string& reason) {
  static constexpr std::string_view kBsnPlace = "het element Bsn";
  if (!p.reference.empty() &&
      !check_not_bsn_shaped(contract_field(Kind::kRequests, "request_id"),
                            request_id(m.provider(), p.reference), kBsnPlace, reason)) {
    element = "ReferentieAanbieder";
    return false;
  }
  if (m.type != MessageType::kJw315 && p.assignment >= 0 &&
      !check_not_bsn_shaped(contract_field(Kind::kTrajectories, "trajectory_id"),
                            trajectory_id(m.municipality(), m.provider(), p.assignment), kBsnPlace,
                            reason)) {
    element = "ToewijzingNummer";
    return false;
  }
  return true;
}

// One file read and parsed; the BSN of a message is already replaced by its pseudonym.
struct Parsed {
  bool file_ok = false;
  std::string problem;  // why the file could not be read
  ReadOutcome outcome = ReadOutcome::kRejected;
  Message message;
  ReadError error;
};

void parse_file(const std::string& path, const Pseudonymizer& pseudonymizer, FileBuffer& buffer,
                Parsed& out) {
  out.file_ok = read_file(path, buffer, out.problem);
  if (!out.file_ok) return;
  out.outcome = read_message(buffer.text(), out.message, out.error);
  // The BSN goes no further than this point: from here on the message carries the pseudonym.
  if (out.outcome == ReadOutcome::kMessage)
    out.message.bsn = pseudonymizer.pseudonym(out.message.bsn);
}

class MessageImporter {
 public:
  MessageImporter(store::Store& store, RowPipe& pipe, const Pseudonymizer& pseudonymizer,
                  RejectLog& rejects)
      : store_(store), pipe_(pipe), pseudonymizer_(pseudonymizer), rejects_(rejects) {
    for (size_t b = 0; b < kBuckets; ++b) {
      buckets_[b].path = "(iJw-berichten)";
      buckets_[b].kind = b < kOtherBucket
                             ? std::string(message_type_info(static_cast<MessageType>(b)).name)
                             : "iJw overig";
    }
  }

  Status run(const std::vector<std::string>& paths, std::vector<FileSummary>& files);

 private:
  Status load_context();
  Status read_all(const std::vector<std::string>& paths);
  Status take(const std::string& path, Parsed& parsed);
  // Checks one read message against the store and earlier messages; false with a reason.
  Status check(const Message& m, uint64_t& line, std::string& element, std::string& reason,
               bool& repeat);
  void reject(const std::string& path, uint64_t line, std::string_view element,
              std::string_view reason, const Message* m, size_t bucket);
  Status apply(const Accepted& a);
  Status apply_request(const Accepted& a, const ProductLine& p);
  Result<Assignment*> assignment(const Message& m, int64_t number);
  Result<bool> request_known(const std::string& provider, const std::string& reference);
  Status write_rows();
  Status write_ledger();

  store::Store& store_;
  RowPipe& pipe_;
  const Pseudonymizer& pseudonymizer_;
  RejectLog& rejects_;
  std::array<FileSummary, kBuckets> buckets_;

  KeyMap municipalities_;
  std::unordered_map<std::string, bool> provider_own_;  // AGB -> kind == own
  std::unordered_map<std::string, std::string> client_of_pseudonym_;
  bool ledger_ = false;  // the store holds a ledger of earlier message imports

  std::unordered_map<std::string, uint64_t> message_digests_;  // ledger key -> digest (new)
  std::vector<Accepted> accepted_;
  std::unordered_map<std::string, Assignment> assignments_;  // ledger key -> state
  std::unordered_map<std::string, Request> requests_;        // ledger key -> state
  // Clients first seen in this import: pseudonym -> (birth date, municipality) of the latest.
  std::unordered_map<std::string, std::pair<Date, std::string>> new_clients_;
  uint64_t repeats_ = 0;
  uint64_t other_types_ = 0;
};

Status MessageImporter::load_context() {
  if (Status s = pipe_.drain(); !s) return s;
  if (Status s = store_.scan_column(Kind::kMunicipalities, "code",
                                    [&](const Cell& c) { municipalities_.put(hash_key(c.s), 1); });
      !s)
    return s;
  const auto& providers = model::table_spec(Kind::kProviders);
  const auto pid = static_cast<size_t>(providers.field_index("provider_id"));
  const auto pkind = static_cast<size_t>(providers.field_index("kind"));
  if (Status s = store_.scan(Kind::kProviders,
                             [&](std::span<const Cell> row) {
                               provider_own_[std::string(row[pid].s)] = row[pkind].s == "own";
                             });
      !s)
    return s;
  const auto& clients = model::table_spec(Kind::kClients);
  const auto cid = static_cast<size_t>(clients.field_index("client_id"));
  const auto cps = static_cast<size_t>(clients.field_index("bsn_pseudonym"));
  if (Status s = store_.scan(Kind::kClients,
                             [&](std::span<const Cell> row) {
                               if (!row[cps].is_null())
                                 client_of_pseudonym_[std::string(row[cps].s)] =
                                     std::string(row[cid].s);
                             });
      !s)
    return s;
  auto flag = store_.get_meta(kLedgerFlag);
  if (!flag) return flag.status();
  ledger_ = !flag->empty();
  return Status::ok();
}

void MessageImporter::reject(const std::string& path, uint64_t line, std::string_view element,
                             std::string_view reason, const Message* m, size_t bucket) {
  const std::string record =
      m == nullptr || m->id.empty()
          ? std::string()
          : fmt::format("{} bericht {} van {} aan {}", message_type_info(m->type).name, m->id,
                        m->sender, m->receiver);
  rejects_.add(path, line, element, reason, record);
  ++buckets_[bucket].rejected;
}

Status MessageImporter::check(const Message& m, uint64_t& line, std::string& element,
                              std::string& reason, bool& repeat) {
  repeat = false;
  if (!municipalities_.contains(hash_key(m.municipality()))) {
    element = message_type_info(m.type).municipality_sends ? "Afzender" : "Ontvanger";
    reason = fmt::format("onbekende gemeente '{}' (importeer eerst municipalities.csv)",
                         m.municipality());
    return Status::ok();
  }
  if (provider_own_.find(m.provider()) == provider_own_.end()) {
    element = message_type_info(m.type).municipality_sends ? "Ontvanger" : "Afzender";
    reason = fmt::format("onbekende aanbieder '{}' (importeer eerst providers.csv)", m.provider());
    return Status::ok();
  }
  for (const ProductLine& p : m.products) {
    if (!bsn_free(m, p, element, reason)) {
      line = p.line;
      return Status::ok();
    }
    if (m.type == MessageType::kJw305 || m.type == MessageType::kJw307) {
      line = p.line;
      if (p.assignment < 0) {
        element = "ToewijzingNummer";
        reason = "ToewijzingNummer ontbreekt: start en stop worden aan de toewijzing gekoppeld";
        return Status::ok();
      }
      if (m.type == MessageType::kJw305 && p.status == '3') {
        element = "StatusAanlevering";
        reason =
            "intrekken van een start (StatusAanlevering 3) wordt niet verwerkt: een traject "
            "verwijderen kan alleen met een volledige CSV-export (--replace)";
        return Status::ok();
      }
    }
  }
  const std::string key = message_key(m.sender, message_type_info(m.type).name, m.id);
  const uint64_t d = digest(m);
  uint64_t seen = 0;
  if (auto it = message_digests_.find(key); it != message_digests_.end()) {
    seen = it->second;
  } else if (ledger_) {
    auto stored = store_.get_meta(key);
    if (!stored) return stored.status();
    if (!stored->empty()) seen = parse_digest(*stored);
  }
  if (seen != 0) {
    if (seen == d) {
      repeat = true;
    } else {
      element = "BerichtIdentificatie";
      reason = fmt::format(
          "{}-bericht {} van afzender {} is eerder ontvangen met een andere inhoud (dubbele "
          "berichtidentificatie)",
          message_type_info(m.type).name, m.id, m.sender);
    }
    return Status::ok();
  }
  message_digests_[key] = d;
  return Status::ok();
}

// Files are read and parsed on two threads in blocks; the checks against the store and earlier
// messages then run in file order on the calling thread.
constexpr size_t kBlock = 4096;

Status MessageImporter::read_all(const std::vector<std::string>& paths) {
  // Two blocks in flight: while the main thread checks block k, the helper parses the even files
  // of block k + 1; the main thread then parses its odd files.
  std::vector<Parsed> current;
  std::vector<Parsed> next;
  FileBuffer buffer;
  FileBuffer helper_buffer;
  const auto parse = [&](std::vector<Parsed>& block, size_t first, size_t from, FileBuffer& buf) {
    for (size_t i = from; i < block.size(); i += 2)
      parse_file(paths[first + i], pseudonymizer_, buf, block[i]);
  };
  const auto prepare = [&](std::vector<Parsed>& block, size_t first) {
    block.assign(first < paths.size() ? std::min(kBlock, paths.size() - first) : 0, Parsed{});
  };
  prepare(current, 0);
  {
    std::thread helper([&] { parse(current, 0, 0, helper_buffer); });
    parse(current, 0, 1, buffer);
    helper.join();
  }
  for (size_t first = 0; first < paths.size(); first += kBlock) {
    const size_t following = first + kBlock;
    prepare(next, following);
    std::thread helper([&] { parse(next, following, 0, helper_buffer); });
    Status status;
    for (size_t i = 0; i < current.size() && status; ++i)
      status = take(paths[first + i], current[i]);
    if (status) parse(next, following, 1, buffer);
    helper.join();
    if (!status) return status;
    std::swap(current, next);
  }
  return Status::ok();
}

Status MessageImporter::take(const std::string& path, Parsed& parsed) {
  if (!parsed.file_ok) {
    ++buckets_[kOtherBucket].read;
    reject(path, 1, "", parsed.problem, nullptr, kOtherBucket);
    return Status::ok();
  }
  Message& m = parsed.message;
  const ReadError& error = parsed.error;
  const size_t bucket = error.typed || parsed.outcome == ReadOutcome::kMessage
                            ? static_cast<size_t>(m.type)
                            : kOtherBucket;
  ++buckets_[bucket].read;
  if (parsed.outcome == ReadOutcome::kOtherType) {
    ++other_types_;
    return Status::ok();
  }
  if (parsed.outcome == ReadOutcome::kRejected) {
    reject(path, error.line, error.element, error.reason, error.typed ? &m : nullptr, bucket);
    return Status::ok();
  }
  std::string element;
  std::string reason;
  bool repeat = false;
  uint64_t line = 1;
  if (Status s = check(m, line, element, reason, repeat); !s) return s;
  if (!reason.empty()) {
    reject(path, line, element, reason, &m, bucket);
    return Status::ok();
  }
  ++buckets_[bucket].imported;
  if (repeat) {
    ++repeats_;
    return Status::ok();
  }
  Accepted a;
  a.stamp = Stamp{m.date.days, rank(m.type), m.sender + "/" + m.id};
  a.message = std::move(m);
  accepted_.push_back(std::move(a));
  return Status::ok();
}

Result<Assignment*> MessageImporter::assignment(const Message& m, int64_t number) {
  const std::string key = assignment_key(m.municipality(), m.provider(), number);
  auto [it, inserted] = assignments_.try_emplace(key);
  Assignment& a = it->second;
  if (inserted) {
    if (ledger_) {
      auto stored = store_.get_meta(key);
      if (!stored) return stored.status();
      if (!stored->empty()) parse_assignment(*stored, a);
    }
    a.municipality = m.municipality();
    a.provider = m.provider();
    a.number = number;
  }
  return &a;
}

Status MessageImporter::apply_request(const Accepted& acc, const ProductLine& p) {
  const Message& m = acc.message;
  const std::string key = request_key(m.provider(), p.reference);
  auto [it, inserted] = requests_.try_emplace(key);
  Request& r = it->second;
  if (inserted && ledger_) {
    auto stored = store_.get_meta(key);
    if (!stored) return stored.status();
    if (!stored->empty()) parse_request(*stored, r);
  }
  r.provider = m.provider();
  r.reference = p.reference;
  r.dirty = true;
  if (r.received == kNoDay || m.date.days < r.received) r.received = m.date.days;
  if (r.referrer_at <= acc.stamp) {
    r.referrer = std::string(p.referrer);
    r.client = m.bsn;
    r.referrer_at = acc.stamp;
  }
  return Status::ok();
}

Status MessageImporter::apply(const Accepted& acc) {
  const Message& m = acc.message;
  auto& latest = new_clients_[m.bsn];
  latest = {m.birth_date, m.municipality()};
  for (const ProductLine& p : m.products) {
    if (m.type == MessageType::kJw315) {
      if (Status s = apply_request(acc, p); !s) return s;
      continue;
    }
    auto found = assignment(m, p.assignment);
    if (!found) return found.status();
    Assignment& a = **found;
    a.dirty = true;
    if (a.client_at <= acc.stamp) {
      a.client = m.bsn;
      a.client_at = acc.stamp;
    }
    if (!p.category.empty() && a.product_at <= acc.stamp) {
      a.category = p.category;
      a.product = p.code;
      a.product_at = acc.stamp;
    }
    switch (m.type) {
      case MessageType::kJw301:
        if (!p.reference.empty() && a.reference_at <= acc.stamp) {
          a.reference = p.reference;
          a.reference_at = acc.stamp;
        }
        break;
      case MessageType::kJw305:
        if (a.start_at <= acc.stamp) {
          a.start = p.start->days;
          a.start_at = acc.stamp;
        }
        break;
      case MessageType::kJw307:
        if (p.status != '3' && a.start_at <= acc.stamp) {
          a.start = p.start->days;
          a.start_at = acc.stamp;
        }
        if (a.end_at <= acc.stamp) {
          const bool remove = p.status == '3';
          a.end = remove ? kNoDay : p.end->days;
          a.end_reason = remove ? std::string() : std::string(p.end_reason);
          a.end_at = acc.stamp;
        }
        break;
      case MessageType::kJw315:
        break;
    }
  }
  return Status::ok();
}

Result<bool> MessageImporter::request_known(const std::string& provider,
                                            const std::string& reference) {
  const std::string key = request_key(provider, reference);
  if (requests_.count(key) != 0) return true;
  if (!ledger_) return false;
  auto stored = store_.get_meta(key);
  if (!stored) return stored.status();
  return !stored->empty();
}

Status MessageImporter::write_rows() {
  // Clients first seen here get a row named by their pseudonym, as a CSV row with only a BSN.
  const auto& cspec = model::table_spec(Kind::kClients);
  std::vector<Cell> cells(cspec.fields.size(), Cell::null());
  std::vector<std::string> client_rows;
  for (const auto& [pseudonym, latest] : new_clients_) {
    if (client_of_pseudonym_.count(pseudonym) != 0) continue;
    client_rows.push_back(pseudonym);
  }
  std::sort(client_rows.begin(), client_rows.end());
  for (const std::string& pseudonym : client_rows) {
    const auto& [birth, municipality] = new_clients_[pseudonym];
    const std::string birth_text = birth.to_string();
    std::fill(cells.begin(), cells.end(), Cell::null());
    cells[static_cast<size_t>(cspec.field_index("client_id"))] = Cell::text(pseudonym);
    cells[static_cast<size_t>(cspec.field_index("birth_date"))] = Cell::text(birth_text);
    cells[static_cast<size_t>(cspec.field_index("municipality"))] = Cell::text(municipality);
    cells[static_cast<size_t>(cspec.field_index("bsn_pseudonym"))] = Cell::text(pseudonym);
    if (Status s = pipe_.push(Kind::kClients, cells); !s) return s;
    client_of_pseudonym_[pseudonym] = pseudonym;
  }
  const auto client_id = [this](const std::string& pseudonym) -> const std::string& {
    return client_of_pseudonym_[pseudonym];
  };

  const auto& rspec = model::table_spec(Kind::kRequests);
  cells.assign(rspec.fields.size(), Cell::null());
  for (auto& [key, r] : requests_) {
    if (!r.dirty) continue;
    const std::string id = request_id(r.provider, r.reference);
    const std::string received = Date{r.received}.to_string() + "T00:00:00";
    std::fill(cells.begin(), cells.end(), Cell::null());
    cells[static_cast<size_t>(rspec.field_index("request_id"))] = Cell::text(id);
    cells[static_cast<size_t>(rspec.field_index("client_id"))] = Cell::text(client_id(r.client));
    cells[static_cast<size_t>(rspec.field_index("received_at"))] = Cell::text(received);
    cells[static_cast<size_t>(rspec.field_index("referrer"))] = Cell::text(r.referrer);
    if (Status s = pipe_.push(Kind::kRequests, cells); !s) return s;
  }

  const auto& tspec = model::table_spec(Kind::kTrajectories);
  cells.assign(tspec.fields.size(), Cell::null());
  const auto at = [&tspec, &cells](std::string_view name) -> Cell& {
    return cells[static_cast<size_t>(tspec.field_index(name))];
  };
  for (auto& [key, a] : assignments_) {
    if (!a.dirty || a.start == kNoDay) continue;  // assigned, not started: nothing to show yet
    if (a.end != kNoDay && a.end < a.start) {
      rejects_.add(
          "(iJw-berichten)", 0, "Einddatum",
          fmt::format("toewijzing {}: stop ({}) ligt voor de start ({}); traject niet "
                      "bijgewerkt",
                      trajectory_id(a), Date{a.end}.to_string(), Date{a.start}.to_string()),
          "");
      ++buckets_[static_cast<size_t>(MessageType::kJw307)].rejected;
      continue;
    }
    std::string request;
    if (!a.reference.empty()) {
      auto known = request_known(a.provider, a.reference);
      if (!known) return known.status();
      if (*known) request = request_id(a.provider, a.reference);
    }
    const std::string id = trajectory_id(a);
    const std::string start = Date{a.start}.to_string();
    const std::string end = a.end == kNoDay ? std::string() : Date{a.end}.to_string();
    std::fill(cells.begin(), cells.end(), Cell::null());
    at("trajectory_id") = Cell::text(id);
    at("client_id") = Cell::text(client_id(a.client));
    if (!request.empty()) at("request_id") = Cell::text(request);
    at("quadrant") = Cell::text(provider_own_[a.provider] ? "K2" : "K3");
    at("provider_id") = Cell::text(a.provider);
    at("municipality") = Cell::text(a.municipality);
    if (!a.product.empty()) at("product") = Cell::text(a.product);
    at("residential") = Cell::integer(is_residential_category(a.category) ? 1 : 0);
    at("start_date") = Cell::text(start);
    if (!end.empty()) {
      at("end_date") = Cell::text(end);
      at("end_reason") = Cell::text(a.end_reason);
    }
    if (Status s = pipe_.push(Kind::kTrajectories, cells); !s) return s;
  }
  return Status::ok();
}

Status MessageImporter::write_ledger() {
  if (Status s = pipe_.drain(); !s) return s;
  if (message_digests_.empty()) return Status::ok();
  for (const auto& [key, d] : message_digests_)
    if (Status s = store_.put_meta(key, format_digest(d)); !s) return s;
  for (const auto& [key, a] : assignments_)
    if (a.dirty)
      if (Status s = store_.put_meta(key, format_assignment(a)); !s) return s;
  for (const auto& [key, r] : requests_)
    if (r.dirty)
      if (Status s = store_.put_meta(key, format_request(r)); !s) return s;
  return store_.put_meta(kLedgerFlag, "1");
}

Status MessageImporter::run(const std::vector<std::string>& paths,
                            std::vector<FileSummary>& files) {
  if (Status s = load_context(); !s) return s;
  if (Status s = read_all(paths); !s) return s;
  // Messages apply in the order they were sent (Dagtekening), so the latest one wins whatever
  // the order of the files.
  std::stable_sort(accepted_.begin(), accepted_.end(),
                   [](const Accepted& a, const Accepted& b) { return a.stamp < b.stamp; });
  for (const Accepted& a : accepted_)
    if (Status s = apply(a); !s) return s;
  if (Status s = write_rows(); !s) return s;
  if (Status s = write_ledger(); !s) return s;
  if (repeats_ > 0)
    buckets_[kOtherBucket].warnings.push_back(fmt::format(
        "{} identieke herhaling(en) van eerder ontvangen berichten genegeerd", repeats_));
  if (other_types_ > 0)
    buckets_[kOtherBucket].warnings.push_back(fmt::format(
        "{} bericht(en) van een soort die regiekamer niet leest (niet JW301/305/307/315) "
        "overgeslagen",
        other_types_));
  for (auto& b : buckets_)
    if (b.read > 0 || !b.warnings.empty()) files.push_back(std::move(b));
  return Status::ok();
}

}  // namespace

Status import_messages(store::Store& store, RowPipe& pipe, const Pseudonymizer& pseudonymizer,
                       RejectLog& rejects, const std::vector<std::string>& paths,
                       std::vector<FileSummary>& files) {
  MessageImporter importer(store, pipe, pseudonymizer, rejects);
  return importer.run(paths, files);
}

}  // namespace rk::ingest::ijw
