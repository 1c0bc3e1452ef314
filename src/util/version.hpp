// The program's version, so that a figure sent to a council can be traced to a release: the CMake
// project version and, for a build from a git checkout, the commit. Generated at build time by
// cmake/version.cmake; shown by `regiekamer --version`, GET /api/health, the PDF report's
// metadata and the workbook's properties.
#pragma once

#include <string_view>

namespace rk::util {

// "0.1.0" from a source tree without git, "0.1.0 (1a2b3c4)" from a checkout, and
// "0.1.0 (1a2b3c4-dirty)" when tracked files differed from that commit at build time.
std::string_view version_text();

// The project version alone: "0.1.0".
std::string_view version_number();

}  // namespace rk::util
