#include "engine/catalogue.hpp"

namespace rk::engine {

void register_staffing(Catalogue&) {}

}  // namespace rk::engine
