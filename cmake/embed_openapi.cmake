# Writes OUT: a C++ source whose openapi_document() returns the bytes of FILE, the API's
# description (docs/openapi.json; src/server/openapi.hpp). Run at build time by src/CMakeLists.txt.
file(READ ${FILE} hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
set(body "// Generated from docs/openapi.json by cmake/embed_openapi.cmake; do not edit.\n")
string(APPEND body "#include \"server/openapi.hpp\"\n\nnamespace rk::server {\nnamespace {\n")
string(APPEND body "constexpr char kDocument[] = {${bytes} 0};\n}  // namespace\n\n")
string(APPEND body "std::string_view openapi_document() { return {kDocument, ${size}}; }\n\n")
string(APPEND body "}  // namespace rk::server\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
