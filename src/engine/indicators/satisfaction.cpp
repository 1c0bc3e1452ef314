#include "engine/catalogue.hpp"

namespace rk::engine {

void register_satisfaction(Catalogue&) {}

}  // namespace rk::engine
