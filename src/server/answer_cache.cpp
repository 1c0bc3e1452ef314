#include "server/answer_cache.hpp"

namespace rk::server {
namespace {

// Heap bytes of a std::string beyond the object itself (short strings live inside it).
size_t string_heap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

}  // namespace

size_t json_bytes(const nlohmann::json& value) {
  constexpr size_t kValue = sizeof(nlohmann::json);
  constexpr size_t kMapNode = 32 + sizeof(std::string) + kValue;  // red-black node, key, value
  size_t total = 0;
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      const auto& object = value.get_ref<const nlohmann::json::object_t&>();
      total += sizeof(nlohmann::json::object_t);
      for (const auto& [key, member] : object)
        total += kMapNode + string_heap(key) + json_bytes(member) - kValue;
      break;
    }
    case nlohmann::json::value_t::array: {
      const auto& array = value.get_ref<const nlohmann::json::array_t&>();
      total += sizeof(nlohmann::json::array_t) + (array.capacity() - array.size()) * kValue;
      for (const auto& item : array) total += json_bytes(item);  // each with its slot
      break;
    }
    case nlohmann::json::value_t::string:
      total += sizeof(std::string) + string_heap(value.get_ref<const std::string&>());
      break;
    default:
      break;
  }
  return total + kValue;
}

const AnswerCache::Value* AnswerCache::find(int64_t version, const std::string& key) {
  if (version != version_) return nullptr;
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &it->second->value;
}

AnswerCache::Text AnswerCache::find_text(int64_t version, const std::string& key) {
  const std::lock_guard lock(mutex_);
  const Value* v = find(version, key);
  const Text* text = v == nullptr ? nullptr : std::get_if<Text>(v);
  return text == nullptr ? nullptr : *text;
}

const engine::IndicatorResult* DisclosedDocument::find(std::string_view id) const {
  for (const auto& r : results)
    if (r.id == id) return &r;
  return nullptr;
}

AnswerCache::Disclosed AnswerCache::find_disclosed(int64_t version, const std::string& key) {
  const std::lock_guard lock(mutex_);
  const Value* v = find(version, key);
  const Disclosed* document = v == nullptr ? nullptr : std::get_if<Disclosed>(v);
  return document == nullptr ? nullptr : *document;
}

AnswerCache::Document AnswerCache::find_document(int64_t version, const std::string& key) {
  const std::lock_guard lock(mutex_);
  const Value* v = find(version, key);
  const Document* document = v == nullptr ? nullptr : std::get_if<Document>(v);
  return document == nullptr ? nullptr : *document;
}

void AnswerCache::put(int64_t version, const std::string& key, Text text) {
  if (!text) return;
  const size_t bytes = sizeof(std::string) + string_heap(*text);
  store(version, key, std::move(text), bytes);
}

void AnswerCache::put(int64_t version, const std::string& key, Document document) {
  if (!document) return;
  const size_t bytes = json_bytes(*document);  // outside the lock: it walks the whole tree
  store(version, key, std::move(document), bytes);
}

void AnswerCache::put(int64_t version, const std::string& key, Disclosed document) {
  if (!document) return;
  const size_t bytes = 2 * json_bytes(document->json);  // outside the lock, as above
  store(version, key, std::move(document), bytes);
}

void AnswerCache::store(int64_t version, const std::string& key, Value value, size_t value_bytes) {
  const size_t bytes = value_bytes + kEntryOverhead + 2 * (key.size() + 1);  // key in list and map
  const std::lock_guard lock(mutex_);
  if (version < version_) return;  // computed on a snapshot that was replaced
  if (version > version_) {
    entries_.clear();
    index_.clear();
    bytes_ = 0;
    version_ = version;
  }
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->bytes;
    entries_.erase(it->second);
    index_.erase(it);
  }
  if (bytes > capacity_) return;
  while (bytes_ + bytes > capacity_ && !entries_.empty()) {
    bytes_ -= entries_.back().bytes;
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
  entries_.push_front(Entry{key, std::move(value), bytes});
  index_.emplace(key, entries_.begin());
  bytes_ += bytes;
}

size_t AnswerCache::bytes() const {
  const std::lock_guard lock(mutex_);
  return bytes_;
}

size_t AnswerCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace rk::server
