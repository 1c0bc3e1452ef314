#include <algorithm>

#include <fmt/format.h>

#include "ingest/ijw/message_importer.hpp"

namespace rk::ingest::ijw::detail {

Result<bool> MessageImporter::request_known(const std::string& provider,
                                            const std::string& reference) {
  const std::string key = request_key(provider, reference);
  if (requests_.count(key) != 0) return true;
  if (!ledger_) return false;
  auto stored = store_.get_meta(key);
  if (!stored) return stored.status();
  return !stored->empty();
}

// Clients first seen here get a row named by their pseudonym, as a CSV row with only a BSN.
Status MessageImporter::write_clients() {
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
  return Status::ok();
}

Status MessageImporter::write_requests() {
  const auto& rspec = model::table_spec(Kind::kRequests);
  std::vector<Cell> cells(rspec.fields.size(), Cell::null());
  for (auto& [key, r] : requests_) {
    if (!r.dirty) continue;
    const std::string id = request_id(r.provider, r.reference);
    const std::string received = Date{r.received}.to_string() + "T00:00:00";
    std::fill(cells.begin(), cells.end(), Cell::null());
    cells[static_cast<size_t>(rspec.field_index("request_id"))] = Cell::text(id);
    cells[static_cast<size_t>(rspec.field_index("client_id"))] =
        Cell::text(client_of_pseudonym_[r.client]);
    cells[static_cast<size_t>(rspec.field_index("received_at"))] = Cell::text(received);
    cells[static_cast<size_t>(rspec.field_index("referrer"))] = Cell::text(r.referrer);
    if (Status s = pipe_.push(Kind::kRequests, cells); !s) return s;
  }
  return Status::ok();
}

Result<bool> MessageImporter::trajectory_row(const Assignment& a, TrajectoryText& text,
                                             std::vector<Cell>& cells) {
  if (a.end != kNoDay && a.end < a.start) {
    rejects_.add("(iJw-berichten)", 0,
                 Rejection{"Einddatum",
                           fmt::format("toewijzing {}: stop ({}) ligt voor de start ({}); traject "
                                       "niet bijgewerkt",
                                       trajectory_id(a), Date{a.end}.to_string(),
                                       Date{a.start}.to_string())},
                 "");
    ++buckets_[static_cast<size_t>(MessageType::kJw307)].rejected;
    return false;
  }
  std::string request;
  if (!a.reference.empty()) {
    auto known = request_known(a.provider, a.reference);
    if (!known) return known.status();
    if (*known) request = request_id(a.provider, a.reference);
  }
  text = {trajectory_id(a), Date{a.start}.to_string(),
          a.end == kNoDay ? std::string() : Date{a.end}.to_string(), std::move(request)};
  const auto& tspec = model::table_spec(Kind::kTrajectories);
  const auto at = [&tspec, &cells](std::string_view name) -> Cell& {
    return cells[static_cast<size_t>(tspec.field_index(name))];
  };
  std::fill(cells.begin(), cells.end(), Cell::null());
  at("trajectory_id") = Cell::text(text.id);
  at("client_id") = Cell::text(client_of_pseudonym_[a.client]);
  if (!text.request.empty()) at("request_id") = Cell::text(text.request);
  at("quadrant") = Cell::text(provider_own_[a.provider] ? "K2" : "K3");
  at("provider_id") = Cell::text(a.provider);
  at("municipality") = Cell::text(a.municipality);
  if (!a.product.empty()) at("product") = Cell::text(a.product);
  at("residential") = Cell::integer(is_residential_category(a.category) ? 1 : 0);
  at("start_date") = Cell::text(text.start);
  if (!text.end.empty()) {
    at("end_date") = Cell::text(text.end);
    at("end_reason") = Cell::text(a.end_reason);
  }
  return true;
}

Status MessageImporter::write_trajectories() {
  std::vector<Cell> cells(model::table_spec(Kind::kTrajectories).fields.size(), Cell::null());
  TrajectoryText text;  // lives until the row is pushed (the pipe copies it)
  for (auto& [key, a] : assignments_) {
    if (!a.dirty || a.start == kNoDay) continue;  // assigned, not started: nothing to show yet
    auto written = trajectory_row(a, text, cells);
    if (!written) return written.status();
    if (*written)
      if (Status s = pipe_.push(Kind::kTrajectories, cells); !s) return s;
  }
  return Status::ok();
}

// Clients first (requests and trajectories name them), then requests, then trajectories.
Status MessageImporter::write_rows() {
  if (Status s = write_clients(); !s) return s;
  if (Status s = write_requests(); !s) return s;
  return write_trajectories();
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

}  // namespace rk::ingest::ijw::detail
