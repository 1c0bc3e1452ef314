#include "engine/record_keys.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string_view>
#include <utility>

namespace rk::engine {
namespace {

constexpr std::string_view kDerivation = "regiekamer celsleutel v1";

// The text of key column `name` of `row`: an interned id, a reference's key, or a number.
void append_key_part(const Snapshot& snapshot, const Table& t, std::string_view name, int32_t row,
                     std::string& out) {
  const Column* c = t.find(name);
  if (c == nullptr) return;
  const auto r = static_cast<size_t>(row);
  switch (c->type) {
    case ColumnType::kI32: {
      const int32_t v = static_cast<const int32_t*>(c->data)[r];
      if (c->references >= 0) {
        if (v >= 0) out += snapshot.table(static_cast<model::Kind>(c->references)).key_text(v);
      } else if (c->dictionary.size() > 0) {
        if (v >= 0) out += c->dictionary[v];
      } else {
        out += std::to_string(v);
      }
      break;
    }
    case ColumnType::kI64:
      out += std::to_string(static_cast<const int64_t*>(c->data)[r]);
      break;
    case ColumnType::kI8:
      out += std::to_string(static_cast<const int8_t*>(c->data)[r]);
      break;
    case ColumnType::kF64:
      out += std::to_string(static_cast<const double*>(c->data)[r]);
      break;
  }
}

}  // namespace

Result<PerturbationKey> PerturbationKey::from_key_file(const std::string& key_path) {
  if (sodium_init() < 0) return Status::error(ErrorKind::kInternal, "libsodium start mislukt");
  std::ifstream in(key_path, std::ios::binary);
  if (!in)
    return Status::error(ErrorKind::kIo,
                         "sleutelbestand " + key_path +
                             " ontbreekt of is niet leesbaar (nodig voor de privacybescherming "
                             "van cijfers voor gemeenten en publiek)");
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  if (bytes.size() != crypto_auth_hmacsha256_KEYBYTES) {
    sodium_memzero(bytes.data(), bytes.size());
    return Status::error(ErrorKind::kIo,
                         "sleutelbestand " + key_path + " is ongeldig (verwacht 32 bytes)");
  }
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(kDerivation.data()),
                         kDerivation.size(), bytes.data());
  sodium_memzero(bytes.data(), bytes.size());
  PerturbationKey k;
  std::copy_n(mac, kSize, k.key_.begin());
  sodium_memzero(mac, sizeof mac);
  return k;
}

PerturbationKey PerturbationKey::for_testing(uint8_t seed) {
  PerturbationKey k;
  for (size_t i = 0; i < kSize; ++i) k.key_[i] = static_cast<unsigned char>(seed + 31 * i);
  return k;
}

uint64_t PerturbationKey::record_key(model::Kind kind, std::string_view id) const {
  static_assert(crypto_shorthash_KEYBYTES == kSize);
  std::string msg;
  msg.reserve(id.size() + 2);
  msg.push_back(static_cast<char>('A' + static_cast<int>(kind)));
  msg.push_back(':');
  msg.append(id);
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                   key_.data());
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | out[i];
  return v;
}

RecordKeys::RecordKeys(std::shared_ptr<const Snapshot> snapshot, const PerturbationKey& key)
    : snapshot_(std::move(snapshot)), key_(key) {}

KeySpan RecordKeys::of(model::Kind kind) const {
  const auto k = static_cast<size_t>(kind);
  std::call_once(once_[k], [&] {
    const Table& t = snapshot_->table(kind);
    const model::TableSpec& spec = model::table_spec(kind);
    std::vector<uint64_t>& out = keys_[k];
    out.resize(static_cast<size_t>(t.rows()));
    const Column* first = t.rows() > 0 && !spec.key.empty() ? t.find(spec.key.front()) : nullptr;
    const bool simple = spec.key.size() == 1 && first != nullptr &&
                        first->type == ColumnType::kI32 && first->references < 0 &&
                        first->dictionary.size() > 0;
    std::string id;
    for (int32_t r = 0; r < t.rows(); ++r) {
      if (simple) {
        const int32_t v = static_cast<const int32_t*>(first->data)[static_cast<size_t>(r)];
        out[static_cast<size_t>(r)] =
            key_.record_key(kind, v < 0 ? std::string_view{} : first->dictionary[v]);
        continue;
      }
      id.clear();
      for (std::string_view name : spec.key) {
        append_key_part(*snapshot_, t, name, r, id);
        id.push_back('\x1f');
      }
      if (spec.has_seq) append_key_part(*snapshot_, t, "seq", r, id);
      out[static_cast<size_t>(r)] = key_.record_key(kind, id);
    }
  });
  return KeySpan(keys_[k]);
}

}  // namespace rk::engine
