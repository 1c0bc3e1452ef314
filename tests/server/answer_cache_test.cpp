// The answer cache is bounded by the bytes it holds (least recently used first out), keeps one
// snapshot version, and refuses entries of an older one.
#include "server/answer_cache.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace rk::server {
namespace {

AnswerCache::Text text_of(size_t bytes, char fill = 'x') {
  return std::make_shared<const std::string>(bytes, fill);
}

// The bytes one entry of `value_bytes` characters under a key of `key_size` counts.
size_t entry_bytes(size_t key_size, size_t value_bytes) {
  return sizeof(std::string) + value_bytes + 1 + AnswerCache::kEntryOverhead + 2 * (key_size + 1);
}

TEST(AnswerCacheTest, BoundedInBytesNotEntries) {
  const size_t one = entry_bytes(2, 1000);
  AnswerCache cache(3 * one);
  cache.put(1, "k1", text_of(1000));
  cache.put(1, "k2", text_of(1000));
  cache.put(1, "k3", text_of(1000));
  EXPECT_EQ(cache.size(), 3U);
  EXPECT_EQ(cache.bytes(), 3 * one);
  // A fourth entry pushes out the least recently used one: k1, unless it was just read.
  ASSERT_NE(cache.find_text(1, "k1"), nullptr);
  cache.put(1, "k4", text_of(1000));
  EXPECT_EQ(cache.size(), 3U);
  EXPECT_LE(cache.bytes(), cache.capacity());
  EXPECT_NE(cache.find_text(1, "k1"), nullptr);
  EXPECT_EQ(cache.find_text(1, "k2"), nullptr) << "k2 was the least recently used";
  EXPECT_NE(cache.find_text(1, "k3"), nullptr);
  EXPECT_NE(cache.find_text(1, "k4"), nullptr);
  // One large entry pushes out as many small ones as it needs.
  cache.put(1, "k5", text_of(2500));
  EXPECT_LE(cache.bytes(), cache.capacity());
  EXPECT_NE(cache.find_text(1, "k5"), nullptr);
  EXPECT_EQ(cache.size(), 1U);
}

TEST(AnswerCacheTest, ManySmallEntriesStayWithinTheBound) {
  AnswerCache cache(size_t{1} << 20);
  for (int i = 0; i < 20000; ++i) cache.put(7, "key" + std::to_string(i), text_of(300));
  EXPECT_LE(cache.bytes(), cache.capacity());
  EXPECT_GT(cache.bytes(), cache.capacity() - entry_bytes(8, 300));
  EXPECT_NE(cache.find_text(7, "key19999"), nullptr);
  EXPECT_EQ(cache.find_text(7, "key0"), nullptr);
}

TEST(AnswerCacheTest, EntryLargerThanTheBoundIsNotKept) {
  AnswerCache cache(4096);
  cache.put(1, "small", text_of(100));
  cache.put(1, "huge", text_of(10000));
  EXPECT_EQ(cache.find_text(1, "huge"), nullptr);
  EXPECT_NE(cache.find_text(1, "small"), nullptr) << "a refused entry evicts nothing";
  AnswerCache none(0);
  none.put(1, "k", text_of(1));
  EXPECT_EQ(none.size(), 0U);
}

TEST(AnswerCacheTest, ReplacingAKeyCountsItOnce) {
  AnswerCache cache(size_t{1} << 20);
  cache.put(1, "k", text_of(1000));
  const size_t once = cache.bytes();
  cache.put(1, "k", text_of(1000, 'y'));
  EXPECT_EQ(cache.bytes(), once);
  EXPECT_EQ(*cache.find_text(1, "k"), std::string(1000, 'y'));
}

TEST(AnswerCacheTest, NewVersionEmptiesOldVersionIsRefused) {
  AnswerCache cache(size_t{1} << 20);
  cache.put(1, "k", text_of(10));
  EXPECT_EQ(cache.find_text(2, "k"), nullptr);
  cache.put(2, "other", text_of(10));
  EXPECT_EQ(cache.find_text(1, "k"), nullptr);
  EXPECT_EQ(cache.size(), 1U);
  cache.put(1, "late", text_of(10));  // computed on the replaced snapshot
  EXPECT_EQ(cache.find_text(1, "late"), nullptr);
  EXPECT_EQ(cache.find_text(2, "late"), nullptr);
  EXPECT_EQ(cache.size(), 1U);
}

TEST(AnswerCacheTest, DocumentsCountTheirTreeAndAreTypedApart) {
  nlohmann::json doc = nlohmann::json::object();
  for (int i = 0; i < 1000; ++i)
    doc["indicator." + std::to_string(i)] = {{"value", i}, {"title", std::string(40, 't')}};
  const size_t serialized = doc.dump().size();
  // The tree holds more than its text: the bound must count that.
  EXPECT_GT(json_bytes(doc), serialized);
  EXPECT_LT(json_bytes(doc), 20 * serialized);
  AnswerCache cache(size_t{1} << 20);
  cache.put(3, "doc", std::make_shared<const nlohmann::json>(doc));
  EXPECT_GE(cache.bytes(), json_bytes(doc));
  EXPECT_NE(cache.find_document(3, "doc"), nullptr);
  EXPECT_EQ(cache.find_text(3, "doc"), nullptr) << "a document is not a text";
}

}  // namespace
}  // namespace rk::server
