#include "server/single_flight.hpp"

#include <exception>

#include <fmt/format.h>

namespace rk::server {
namespace {

// The result of `compute`, with a thrown exception (a defect, or out of memory) as kInternal.
Result<DocumentFlight::Document> run(const DocumentFlight::Compute& compute) {
  try {
    return compute();
  } catch (const std::exception& e) {
    return Status::error(ErrorKind::kInternal, e.what());
  }
}

}  // namespace

Result<DocumentFlight::Document> DocumentFlight::get(int64_t version, const std::string& key,
                                                     const Compute& compute) {
  if (auto hit = cache_.find_disclosed(version, key)) return hit;
  const std::string flight_key = fmt::format("{}|{}", version, key);
  std::promise<Result<Document>> promise;
  {
    std::unique_lock lock(mutex_);
    auto it = running_.find(flight_key);
    if (it != running_.end()) {
      auto waiting = it->second;
      lock.unlock();
      return waiting.get();
    }
    // Finished between the first look and now (it is cached before it leaves `running_`).
    if (auto hit = cache_.find_disclosed(version, key)) return hit;
    running_.emplace(flight_key, promise.get_future().share());
  }
  Result<Document> result = run(compute);
  if (result) cache_.put(version, key, *result);
  promise.set_value(result);
  const std::lock_guard lock(mutex_);
  running_.erase(flight_key);
  return result;
}

}  // namespace rk::server
