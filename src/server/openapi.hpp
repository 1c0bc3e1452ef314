// The description of the API (OpenAPI 3.1), served without login at GET /api/openapi.json. It is
// docs/openapi.json, built into the program (cmake/embed_openapi.cmake); tests/server checks that
// it names every route install_routes registers, and tests/scripts/openapi.sh validates it.
#pragma once

#include <string_view>

namespace rk::server {

std::string_view openapi_document();

}  // namespace rk::server
