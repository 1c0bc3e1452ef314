#include "ingest/known_keys.hpp"

namespace rk::ingest {

using model::Kind;
using store::Cell;

Status KnownKeys::ensure(Kind kind) {
  const auto k = static_cast<size_t>(kind);
  if (loaded_[k]) return Status::ok();
  loaded_[k] = true;
  if (Status s = pipe_.drain(); !s) return s;
  const auto& spec = model::table_spec(kind);
  return store_.scan_column(kind, spec.key.front(), [&](const Cell& c) {
    if (!c.is_null()) keys_[k].put(hash_key(c.s), 1);
  });
}

Status KnownKeys::ensure_clients_by_pseudonym() {
  if (clients_loaded_) return Status::ok();
  clients_loaded_ = true;
  if (Status s = pipe_.drain(); !s) return s;
  const auto& spec = model::table_spec(Kind::kClients);
  const auto id_col = static_cast<size_t>(spec.field_index("client_id"));
  const auto ps_col = static_cast<size_t>(spec.field_index("bsn_pseudonym"));
  return store_.scan(Kind::kClients, [&](std::span<const Cell> row) {
    if (row[ps_col].is_null()) return;
    add_client(row[id_col].s, row[ps_col].s);
  });
}

const std::string* KnownKeys::client_with_pseudonym(std::string_view pseudonym) const {
  const uint64_t index = client_by_pseudonym_.get(hash_key(pseudonym));
  return index == 0 ? nullptr : &client_ids_[index - 1];
}

void KnownKeys::add_client(std::string_view client_id, std::string_view pseudonym) {
  if (!clients_loaded_) return;
  client_ids_.emplace_back(client_id);
  client_by_pseudonym_.put(hash_key(pseudonym), client_ids_.size());
}

void KnownKeys::forget(Kind kind) {
  keys_[static_cast<size_t>(kind)].clear();
  if (kind == Kind::kClients) {
    client_by_pseudonym_.clear();
    client_ids_.clear();
    clients_loaded_ = true;
  }
}

}  // namespace rk::ingest
