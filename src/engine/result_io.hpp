// Lossless serialization of computed results, for frozen (closed) periods: every field of
// IndicatorResult round-trips, including each Number's FigureKind, n and privacy flags, so that
// suppression can be applied to frozen figures later, per role. The JSON is canonical (object
// keys sorted, shortest round-trip doubles), so its bytes can be hashed.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "engine/result.hpp"
#include "model/status.hpp"

namespace rk::engine {

// Returns the JSON form of `results` (an array, in the given order).
nlohmann::json results_to_json(const std::vector<IndicatorResult>& results);

// Reads what results_to_json wrote. Fails (kInvalidInput) on any other shape, naming the field.
Result<std::vector<IndicatorResult>> results_from_json(const nlohmann::json& json);

}  // namespace rk::engine
