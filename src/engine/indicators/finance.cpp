#include "engine/catalogue.hpp"

namespace rk::engine {

void register_finance(Catalogue&) {}

}  // namespace rk::engine
