#include "ingest/ijw/message_import.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "ingest/field_parser.hpp"
#include "ingest/ijw/message_importer.hpp"

namespace rk::ingest::ijw {
namespace detail {
namespace {

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
// Returns the element and the reason when one holds a BSN-shaped number.
Rejected bsn_free(const Message& m, const ProductLine& p) {
  static constexpr std::string_view kBsnPlace = "het element Bsn";
  Rejected rejected;
  if (!p.reference.empty()) {
    rejected = check_not_bsn_shaped(contract_field(Kind::kRequests, "request_id"),
                                    request_id(m.provider(), p.reference), kBsnPlace);
    if (rejected) rejected->column = "ReferentieAanbieder";
  }
  if (!rejected && m.type != MessageType::kJw315 && p.assignment >= 0) {
    rejected = check_not_bsn_shaped(contract_field(Kind::kTrajectories, "trajectory_id"),
                                    trajectory_id(m.municipality(), m.provider(), p.assignment),
                                    kBsnPlace);
    if (rejected) rejected->column = "ToewijzingNummer";
  }
  return rejected;
}

}  // namespace

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

void MessageImporter::reject(const std::string& path, uint64_t line, const Rejection& rejection,
                             const Message* m, size_t bucket) {
  const std::string record =
      m == nullptr || m->id.empty()
          ? std::string()
          : fmt::format("{} bericht {} van {} aan {}", message_type_info(m->type).name, m->id,
                        m->sender, m->receiver);
  rejects_.add(path, line, rejection, record);
  ++buckets_[bucket].rejected;
}

Verdict MessageImporter::check_lines(const Message& m) {
  Verdict v;
  for (const ProductLine& p : m.products) {
    if ((v.rejected = bsn_free(m, p))) {
      v.line = p.line;
      return v;
    }
    if (m.type != MessageType::kJw305 && m.type != MessageType::kJw307) continue;
    v.line = p.line;
    if (p.assignment < 0) {
      v.rejected =
          Rejection{"ToewijzingNummer",
                    "ToewijzingNummer ontbreekt: start en stop worden aan de toewijzing gekoppeld"};
      return v;
    }
    if (m.type == MessageType::kJw305 && p.status == '3') {
      v.rejected = Rejection{
          "StatusAanlevering",
          "intrekken van een start (StatusAanlevering 3) wordt niet verwerkt: een traject "
          "verwijderen kan alleen met een volledige CSV-export (--replace)"};
      return v;
    }
  }
  return v;
}

Result<Verdict> MessageImporter::check(const Message& m) {
  Verdict v;
  if (!municipalities_.contains(hash_key(m.municipality()))) {
    v.rejected =
        Rejection{message_type_info(m.type).municipality_sends ? "Afzender" : "Ontvanger",
                  fmt::format("onbekende gemeente '{}' (importeer eerst municipalities.csv)",
                              m.municipality())};
    return v;
  }
  if (provider_own_.find(m.provider()) == provider_own_.end()) {
    v.rejected = Rejection{
        message_type_info(m.type).municipality_sends ? "Ontvanger" : "Afzender",
        fmt::format("onbekende aanbieder '{}' (importeer eerst providers.csv)", m.provider())};
    return v;
  }
  v = check_lines(m);
  if (v.rejected) return v;
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
  if (seen == 0) {
    message_digests_[key] = d;
  } else if (seen == d) {
    v.repeat = true;
  } else {
    v.rejected = Rejection{
        "BerichtIdentificatie",
        fmt::format("{}-bericht {} van afzender {} is eerder ontvangen met een andere inhoud "
                    "(dubbele berichtidentificatie)",
                    message_type_info(m.type).name, m.id, m.sender)};
  }
  return v;
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
    reject(path, 1, Rejection{"", parsed.problem}, nullptr, kOtherBucket);
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
    reject(path, error.line, Rejection{error.element, error.reason}, error.typed ? &m : nullptr,
           bucket);
    return Status::ok();
  }
  auto verdict = check(m);
  if (!verdict) return verdict.status();
  if (verdict->rejected) {
    reject(path, verdict->line, *verdict->rejected, &m, bucket);
    return Status::ok();
  }
  ++buckets_[bucket].imported;
  if (verdict->repeat) {
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

}  // namespace detail

Status import_messages(store::Store& store, RowPipe& pipe, const Pseudonymizer& pseudonymizer,
                       RejectLog& rejects, const std::vector<std::string>& paths,
                       std::vector<FileSummary>& files) {
  detail::MessageImporter importer(store, pipe, pseudonymizer, rejects);
  return importer.run(paths, files);
}

}  // namespace rk::ingest::ijw
