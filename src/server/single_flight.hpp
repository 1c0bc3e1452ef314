// The single flight of the answer cache: a disclosed indicator document missing from the cache is
// computed once, and requests that miss it while that runs (many connections after a start or a
// new import) wait for that computation instead of repeating it in parallel. A document computed
// without error is put in the cache before it leaves the flight; an error reaches every waiting
// request and is not cached.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <unordered_map>

#include "model/status.hpp"
#include "server/answer_cache.hpp"

namespace rk::server {

class DocumentFlight {
 public:
  using Document = AnswerCache::Disclosed;
  using Compute = std::function<Result<Document>()>;

  explicit DocumentFlight(AnswerCache& cache) : cache_(cache) {}

  // The document `key` of snapshot `version`: from the cache, from a computation already
  // running, or from `compute`. An exception thrown by `compute` becomes kInternal.
  Result<Document> get(int64_t version, const std::string& key, const Compute& compute);

 private:
  AnswerCache& cache_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_future<Result<Document>>> running_;
};

}  // namespace rk::server
