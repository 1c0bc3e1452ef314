#include "engine/catalogue.hpp"

namespace rk::engine {

void register_complaints(Catalogue&) {}

}  // namespace rk::engine
