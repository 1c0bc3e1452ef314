# Run at install time (cmake/install.cmake): the systemd unit, with ExecStart naming the program
# under the prefix installed to, in PREFIX/lib/systemd/system (systemd reads /usr/lib and
# /usr/local/lib/systemd/system); the configuration in /etc/regiekamer for the prefix /usr and in
# PREFIX/etc/regiekamer otherwise (as GNUInstallDirs). An existing configuration is kept.
# REQUIRES: RK_SOURCE_DIR, RK_BINARY_DIR, RK_BINDIR (set by install(CODE) before this script).
set(RK_BINARY "${CMAKE_INSTALL_PREFIX}/${RK_BINDIR}/regiekamer")
# One staging folder per destination: an install into a prefix and a package built at the same
# time (the tests) must not write each other's unit.
string(MD5 destination "$ENV{DESTDIR}|${CMAKE_INSTALL_PREFIX}")
set(staged "${RK_BINARY_DIR}/install-staging/${destination}/regiekamer.service")
configure_file("${RK_SOURCE_DIR}/dist/regiekamer.service.in" "${staged}" @ONLY)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE FILES "${staged}")
get_filename_component(staged_dir "${staged}" DIRECTORY)
file(REMOVE_RECURSE "${staged_dir}")

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(etc "/etc/regiekamer")
else()
  set(etc "${CMAKE_INSTALL_PREFIX}/etc/regiekamer")
endif()
if(EXISTS "$ENV{DESTDIR}${etc}/regiekamer.toml")
  message(STATUS "Kept: $ENV{DESTDIR}${etc}/regiekamer.toml")
else()
  file(INSTALL DESTINATION "${etc}" TYPE FILE FILES "${RK_SOURCE_DIR}/dist/regiekamer.toml")
endif()
