#include "engine/catalogue.hpp"

namespace rk::engine {

void register_manual(Catalogue&, const Config&) {}

}  // namespace rk::engine
