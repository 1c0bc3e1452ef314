// The keys an import knows: per kind, the keys already in the store and those imported so far
// (for reference and duplicate checks), and the clients by BSN pseudonym (a row that names its
// client by BSN). Loaded from the store on first use, as 64-bit hashes (key_set.hpp).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/key_set.hpp"
#include "ingest/row_pipe.hpp"
#include "model/contract.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::ingest {

class KnownKeys {
 public:
  // `pipe` writes to `store`; it is drained before the store is read.
  KnownKeys(store::Store& store, RowPipe& pipe) : store_(store), pipe_(pipe) {}

  // Loads the stored keys of `kind` (once). Fails on store errors.
  Status ensure(model::Kind kind);
  // The keys of `kind`. Values: 1 for keys from the store or an earlier file; the importer's
  // duplicate check may store a file and line mark instead. REQUIRES: ensure(kind) for a
  // complete set.
  KeyMap& of(model::Kind kind) { return keys_[static_cast<size_t>(kind)]; }

  // Loads the stored clients' pseudonyms (once). Fails on store errors.
  Status ensure_clients_by_pseudonym();
  // The client_id of the client with this pseudonym, or nullptr when there is none.
  // REQUIRES: ensure_clients_by_pseudonym().
  [[nodiscard]] const std::string* client_with_pseudonym(std::string_view pseudonym) const;
  // Notes an imported client with a pseudonym (when the table is loaded; else the store has it).
  void add_client(std::string_view client_id, std::string_view pseudonym);

  // --replace of `kind`: forgets its keys (and, for clients, every pseudonym: the stored ones
  // are gone).
  void forget(model::Kind kind);

 private:
  store::Store& store_;
  RowPipe& pipe_;
  std::array<KeyMap, model::kKindCount> keys_;
  std::array<bool, model::kKindCount> loaded_{};
  KeyMap client_by_pseudonym_;  // hash(pseudonym) -> index + 1 into client_ids_
  std::vector<std::string> client_ids_;
  bool clients_loaded_ = false;
};

}  // namespace rk::ingest
