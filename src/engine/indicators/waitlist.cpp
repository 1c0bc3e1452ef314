#include "engine/catalogue.hpp"

namespace rk::engine {

void register_waitlist(Catalogue&) {}

}  // namespace rk::engine
