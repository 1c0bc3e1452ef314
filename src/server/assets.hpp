// The dashboard's files (web/), built into the program: CMake turns every file under web/ into a
// byte array of a generated source file (cmake/embed_web.cmake).
#pragma once

#include <span>
#include <string_view>

namespace rk::server {

struct Asset {
  std::string_view path;  // relative to web/, e.g. "index.html", "js/app.js"
  std::string_view data;
};

std::span<const Asset> web_assets();
// Content type by file extension (text types with charset=utf-8).
std::string_view content_type(std::string_view path);

}  // namespace rk::server
