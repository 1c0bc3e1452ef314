#include "engine/catalogue.hpp"

namespace rk::engine {

void register_family_plans(Catalogue&) {}

}  // namespace rk::engine
