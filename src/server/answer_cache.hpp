// The answer cache of `serve`: serialized answers and whole indicator documents, kept per
// snapshot version and bounded by the bytes they hold. When a new entry would pass the bound,
// the least recently used entries leave first; an entry larger than the whole bound is not kept.
// A newer snapshot version empties the cache; entries computed on an older one are not stored.
// Thread-safe. Computing a missing entry once for many waiting requests is the caller's part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/result.hpp"

namespace rk::server {

// The indicator document of one role and scope as disclosed: the results (charts are drawn from
// them) and the JSON the API writes of them.
struct DisclosedDocument {
  DisclosedDocument(std::vector<engine::IndicatorResult> r, nlohmann::json j)
      : results(std::move(r)), json(std::move(j)) {}

  std::vector<engine::IndicatorResult> results;
  nlohmann::json json;

  // The result of indicator `id`, or null.
  [[nodiscard]] const engine::IndicatorResult* find(std::string_view id) const;
};

// Estimated heap bytes held by a JSON value (nodes, strings, containers), for the cache's bound.
size_t json_bytes(const nlohmann::json& value);

class AnswerCache {
 public:
  using Text = std::shared_ptr<const std::string>;
  using Document = std::shared_ptr<const nlohmann::json>;
  using Disclosed = std::shared_ptr<const DisclosedDocument>;

  static constexpr size_t kDefaultCapacity = size_t{256} << 20;  // 256 MiB
  // Bookkeeping per entry besides key and value (list and map nodes, control block).
  static constexpr size_t kEntryOverhead = 160;

  explicit AnswerCache(size_t capacity_bytes = kDefaultCapacity) : capacity_(capacity_bytes) {}

  // The entry for `key` made on snapshot `version`, or null; a hit becomes the most recent.
  Text find_text(int64_t version, const std::string& key);
  Document find_document(int64_t version, const std::string& key);
  Disclosed find_disclosed(int64_t version, const std::string& key);
  // Stores (or replaces) an entry computed on snapshot `version`.
  void put(int64_t version, const std::string& key, Text text);
  void put(int64_t version, const std::string& key, Document document);
  // A disclosed document counts its JSON tree twice: the results hold the same figures.
  void put(int64_t version, const std::string& key, Disclosed document);

  [[nodiscard]] size_t capacity() const { return capacity_; }
  [[nodiscard]] size_t bytes() const;
  [[nodiscard]] size_t size() const;

 private:
  using Value = std::variant<Text, Document, Disclosed>;
  struct Entry {
    std::string key;
    Value value;
    size_t bytes = 0;
  };

  const Value* find(int64_t version, const std::string& key);
  void store(int64_t version, const std::string& key, Value value, size_t value_bytes);

  const size_t capacity_;
  mutable std::mutex mutex_;
  int64_t version_ = -1;
  size_t bytes_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace rk::server
