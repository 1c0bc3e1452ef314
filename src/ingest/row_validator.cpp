#include "ingest/row_validator.hpp"

#include <fmt/format.h>

namespace rk::ingest {
namespace {

using model::Kind;
using store::Cell;

// "onbekende aanbieder", "onbekend gebied": the adjective follows the noun's article.
std::string_view unknown_noun(int8_t kind) {
  switch (static_cast<Kind>(kind)) {
    case Kind::kMunicipalities:
      return "onbekende gemeente";
    case Kind::kAreas:
      return "onbekend gebied";
    case Kind::kProviders:
      return "onbekende aanbieder";
    case Kind::kClients:
      return "onbekende cliënt";
    case Kind::kRequests:
      return "onbekende zorgvraag";
    case Kind::kTrajectories:
      return "onbekend hulptraject";
    case Kind::kProjects:
      return "onbekend project";
    default:
      return "onbekend record";
  }
}

}  // namespace

Plan::Plan(const model::TableSpec& spec) {
  const auto at = [&spec](std::string_view name) { return spec.field_index(name); };
  for (const auto& k : spec.key) key_fields.push_back(static_cast<size_t>(at(k)));
  first_key = key_fields.front();
  client_field = spec.accepts_bsn ? at("client_id") : -1;
  pseudonym_field = at("bsn_pseudonym");
  if (spec.kind == Kind::kTrajectories) {
    end_date = at("end_date");
    end_reason = at("end_reason");
  }
  for (const auto& rule : spec.order)
    order.emplace_back(static_cast<size_t>(at(rule.earlier)), static_cast<size_t>(at(rule.later)));
  for (size_t f = 0; f < spec.fields.size(); ++f)
    if (spec.fields[f].references >= 0) references.push_back(f);
}

RowValidator::RowValidator(const model::TableSpec& spec, const Header& header, KnownKeys& known,
                           const Pseudonymizer& pseudonymizer, const Dialect& dialect)
    : spec_(spec),
      header_(header),
      dialect_(dialect),
      known_(known),
      pseudonymizer_(pseudonymizer),
      plan_(spec),
      cells_(spec.fields.size() + (spec.has_seq ? 1 : 0), Cell::null()),
      buffers_(spec.fields.size()),
      readings_(spec.fields.size()),
      last_reference_(spec.fields.size(), 0) {}

Rejected RowValidator::validate(const CsvRecord& rec) {
  if (rec.fields.size() != header_.column_field.size()) {
    return Rejection{"", fmt::format("{} velden verwacht, {} gevonden", header_.column_field.size(),
                                     rec.fields.size())};
  }
  if (auto rejected = parse_fields(rec)) return rejected;
  if (auto rejected = apply_bsn(rec)) return rejected;
  if (auto rejected = check_required()) return rejected;
  if (auto rejected = check_order()) return rejected;
  if (auto rejected = check_end()) return rejected;
  return check_references();
}

Rejected RowValidator::parse_fields(const CsvRecord& rec) {
  std::string reason;
  for (size_t f = 0; f < spec_.fields.size(); ++f) {
    const int c = header_.field_column[f];
    cells_[f] = Cell::null();
    if (c < 0) continue;
    const auto& field = spec_.fields[f];
    std::string_view value = rec.fields[static_cast<size_t>(c)];
    // A value in the file's dialect (decimal comma, day-first date, WAAR …) is read first.
    switch (read_value(field.type, value, dialect_, readings_[f], reason)) {
      case Reading::kAsIs:
        break;
      case Reading::kRewritten:
        value = readings_[f];
        break;
      case Reading::kInvalid:
        return Rejection{std::string(field.name), reason};
    }
    if (auto rejected = parse_field(field, value, buffers_[f], cells_[f])) return rejected;
  }
  return std::nullopt;
}

// BSN: validated and replaced by its pseudonym; the number itself goes no further.
Rejected RowValidator::apply_bsn(const CsvRecord& rec) {
  if (header_.bsn_column < 0) return std::nullopt;
  std::string_view bsn = rec.fields[static_cast<size_t>(header_.bsn_column)];
  if (read_bsn(bsn, bsn_reading_) == Reading::kRewritten) bsn = bsn_reading_;
  if (bsn.empty()) return std::nullopt;
  if (!is_valid_bsn(bsn))
    return Rejection{"bsn", "ongeldig BSN (geen 9 cijfers of voldoet niet aan de elfproef)"};
  pseudonym_ = pseudonymizer_.pseudonym(bsn);
  Cell& client = cells_[static_cast<size_t>(plan_.client_field)];
  if (spec_.kind == Kind::kClients) {
    cells_[static_cast<size_t>(plan_.pseudonym_field)] = Cell::text(pseudonym_);
    if (client.is_null()) client = Cell::text(pseudonym_);
    return std::nullopt;
  }
  if (!client.is_null()) return std::nullopt;
  if (Status s = known_.ensure_clients_by_pseudonym(); !s) return Rejection{"bsn", s.message()};
  const std::string* id = known_.client_with_pseudonym(pseudonym_);
  if (id == nullptr) return Rejection{"bsn", "onbekende cliënt (geen cliënt met dit BSN)"};
  client_from_bsn_ = *id;
  client = Cell::text(client_from_bsn_);
  return std::nullopt;
}

Rejected RowValidator::check_required() {
  for (size_t f = 0; f < spec_.fields.size(); ++f) {
    const auto& fs = spec_.fields[f];
    if (!cells_[f].is_null() || fs.derived) continue;
    const bool client = static_cast<int>(f) == plan_.client_field;
    if (fs.required || client)
      return Rejection{std::string(fs.name),
                       client ? "client_id of bsn is verplicht" : "verplicht veld is leeg"};
  }
  return std::nullopt;
}

Rejected RowValidator::check_order() {
  for (size_t r = 0; r < plan_.order.size(); ++r) {
    const Cell& a = cells_[plan_.order[r].first];
    const Cell& b = cells_[plan_.order[r].second];
    // Canonical dates and timestamps compare correctly as text.
    if (!a.is_null() && !b.is_null() && b.s < a.s) {
      const auto& rule = spec_.order[r];
      return Rejection{std::string(rule.later), fmt::format("{} ({}) ligt voor {} ({})", rule.later,
                                                            b.s, rule.earlier, a.s)};
    }
  }
  return std::nullopt;
}

Rejected RowValidator::check_end() {
  if (plan_.end_date < 0) return std::nullopt;
  const bool ended = !cells_[static_cast<size_t>(plan_.end_date)].is_null();
  const bool has_reason = !cells_[static_cast<size_t>(plan_.end_reason)].is_null();
  if (ended == has_reason) return std::nullopt;
  return Rejection{"end_reason", ended ? "end_reason ontbreekt bij een beëindigd traject"
                                       : "end_reason zonder end_date"};
}

Rejected RowValidator::check_references() {
  for (const size_t f : plan_.references) {
    const auto& fs = spec_.fields[f];
    if (cells_[f].is_null()) continue;
    const uint64_t h = hash_key(cells_[f].s);
    if (h == last_reference_[f]) continue;
    if (!known_.of(static_cast<Kind>(fs.references)).contains(h))
      return Rejection{std::string(fs.name),
                       fmt::format("{} '{}'", unknown_noun(fs.references), cells_[f].s)};
    last_reference_[f] = h;
  }
  return std::nullopt;
}

}  // namespace rk::ingest
