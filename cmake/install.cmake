# Installation (GNUInstallDirs) and the Debian package (CPack DEB); docs/operations.md describes
# what goes where. Included by the top-level CMakeLists.txt after src/.
include(GNUInstallDirs)

install(TARGETS regiekamer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/dist/regiekamer.bash-completion
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME regiekamer)
install(FILES ${PROJECT_SOURCE_DIR}/dist/regiekamer.toml
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/operations.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The manual page, made from --help and --version by help2man (a package of ./dev), with every
# command's own --help (cmake/man_commands.cmake). Without help2man there is no manual page, nor
# in a sanitizer build (a leak report at exit would fail the build).
find_program(HELP2MAN help2man)
if(HELP2MAN AND NOT RK_SANITIZE)
  set(rk_man ${CMAKE_BINARY_DIR}/regiekamer.1)
  set(rk_man_commands ${CMAKE_BINARY_DIR}/regiekamer-commands.h2m)
  add_custom_command(OUTPUT ${rk_man}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:regiekamer> -DOUT=${rk_man_commands}
            -P ${PROJECT_SOURCE_DIR}/cmake/man_commands.cmake
    COMMAND ${HELP2MAN} --no-info --section=1 --name=stuurinformatie\ jeugdhulp
            --include=${PROJECT_SOURCE_DIR}/dist/regiekamer.h2m --include=${rk_man_commands}
            --output=${rk_man} $<TARGET_FILE:regiekamer>
    DEPENDS regiekamer ${PROJECT_SOURCE_DIR}/dist/regiekamer.h2m
            ${PROJECT_SOURCE_DIR}/cmake/man_commands.cmake
    COMMENT "Manual page regiekamer.1 (help2man)"
    VERBATIM)
  add_custom_target(rk_man ALL DEPENDS ${rk_man})
  install(FILES ${rk_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
elseif(NOT RK_SANITIZE)
  message(STATUS "help2man not found: no manual page (apt-get install help2man)")
endif()

# The systemd unit and /etc/regiekamer are written at install time, when the prefix is known:
# `cmake --install --prefix DIR` and the package (prefix /usr) each get an ExecStart that names
# their own program (cmake/install_system_files.cmake).
install(CODE "set(RK_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
set(RK_BINARY_DIR \"${CMAKE_BINARY_DIR}\")
set(RK_BINDIR \"${CMAKE_INSTALL_BINDIR}\")")
install(SCRIPT ${PROJECT_SOURCE_DIR}/cmake/install_system_files.cmake)

# cpack -G DEB: regiekamer_VERSION_ARCH.deb. The library dependencies come from dpkg-shlibdeps
# (dpkg-dev); postinst makes the system user regiekamer and the key (dist/debian/).
set(CPACK_PACKAGE_NAME regiekamer)
set(CPACK_PACKAGE_VENDOR regiekamer)
# An organisation that builds its own package names itself: -DRK_DEB_MAINTAINER="Naam <adres>".
set(RK_DEB_MAINTAINER "regiekamer <beheer@regiekamer.invalid>" CACHE STRING
  "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RK_DEB_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
# The first line is the synopsis; CPack indents the others and turns the empty line into " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "stuurinformatie jeugdhulp / steering information for youth care
regiekamer leest de leveringen van jeugdhulpaanbieders en gemeenten (CSV, Excel,
iJw-berichten), bewaart ze gepseudonimiseerd en berekent de indicatoren van de
regiekamer: in de terminal, als rapport (HTML, PDF), als Excel- en CBS-export en
in een dashboard met JSON-API (systemdienst regiekamer.service).

regiekamer reads the deliveries of youth care providers and municipalities,
stores them pseudonymised and computes the steering indicators as tables,
reports, exports and a dashboard with a JSON API (service regiekamer.service).")
configure_file(${PROJECT_SOURCE_DIR}/dist/debian/conffiles ${CMAKE_BINARY_DIR}/debian/conffiles
  COPYONLY)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_BINARY_DIR}/debian/conffiles
  ${PROJECT_SOURCE_DIR}/dist/debian/postinst
  ${PROJECT_SOURCE_DIR}/dist/debian/prerm
  ${PROJECT_SOURCE_DIR}/dist/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
