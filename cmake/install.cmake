# What `cmake --install` puts where (GNUInstallDirs), and the CMake package that lets another
# project use the library with find_package(plancheck) and plancheck::plancheck. Included from
# the top-level CMakeLists.txt after src/. docs/packaging.md lists every installed file.
#
# Two install components, so that the Debian package can split them (cmake/package_deb.cmake):
#   runtime      the executable, the shipped rule sets, the man page and shell completions
#   development  the public headers, the static library and the CMake package files

include(CMakePackageConfigHelpers)

set(PLANCHECK_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/plancheck" CACHE STRING
    "Where plancheckConfig.cmake is installed, relative to the prefix")
set(PLANCHECK_INSTALL_TARGETSDIR "${CMAKE_INSTALL_DATADIR}/plancheck/targets")
set(PLANCHECK_BOOST_MIN_VERSION 1.74)

# The executable is named plancheck (target plancheck_cli); the library is libplancheck.a. The
# export set records the library's include directory and link interface for consumers.
install(TARGETS plancheck_cli
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)
install(TARGETS plancheck EXPORT plancheckTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/plancheck"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT development
  FILES_MATCHING PATTERN "*.hpp")

install(EXPORT plancheckTargets
  NAMESPACE plancheck::
  DESTINATION "${PLANCHECK_INSTALL_CMAKEDIR}" COMPONENT development)
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/plancheckConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/plancheckConfig.cmake"
  INSTALL_DESTINATION "${PLANCHECK_INSTALL_CMAKEDIR}")
# 0.x: a minor release may change the API, so only the same minor version is compatible.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/plancheckConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/plancheckConfig.cmake"
  "${PROJECT_BINARY_DIR}/plancheckConfigVersion.cmake"
  DESTINATION "${PLANCHECK_INSTALL_CMAKEDIR}" COMPONENT development)

# The shipped rule sets as files (the binary carries the same bytes): a starting point for
# another plan's rule file, and what `plancheck --version` hashes.
file(GLOB _plancheck_rule_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/targets/*.toml")
install(FILES ${_plancheck_rule_files}
  DESTINATION "${PLANCHECK_INSTALL_TARGETSDIR}" COMPONENT runtime)

install(FILES "${PROJECT_SOURCE_DIR}/docs/plancheck.1"
  DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT runtime)

# bash-completion loads completions/<command> on demand from every XDG data dir, so
# share/bash-completion/completions works under /usr and /usr/local alike.
install(FILES "${PROJECT_SOURCE_DIR}/completions/plancheck.bash"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" COMPONENT runtime
  RENAME plancheck)
# zsh has no such common place: Debian's zsh reads /usr/share/zsh/vendor-completions (where
# packages put theirs) and /usr/local/share/zsh/site-functions, but not /usr/share/zsh/site-functions.
# The prefix is only known at install time (cpack installs into /usr, cmake --install into
# /usr/local by default), so the directory is chosen then; PLANCHECK_ZSH_COMPLETION_DIR overrides.
set(PLANCHECK_ZSH_COMPLETION_DIR "" CACHE STRING
    "zsh completion directory relative to the prefix (default: share/zsh/vendor-completions under /usr, else share/zsh/site-functions)")
install(CODE "
  set(_zsh_dir \"${PLANCHECK_ZSH_COMPLETION_DIR}\")
  if(NOT _zsh_dir)
    if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
      set(_zsh_dir \"${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions\")
    else()
      set(_zsh_dir \"${CMAKE_INSTALL_DATADIR}/zsh/site-functions\")
    endif()
  endif()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/\${_zsh_dir}\" TYPE FILE
       FILES \"${PROJECT_SOURCE_DIR}/completions/_plancheck\")
" COMPONENT runtime)

# The user guide and the illustrative statistics, where Debian keeps a package's documentation:
# `plancheck check /usr/share/doc/plancheck/examples/nmg-2020-illustrative.csv` works at once.
install(FILES "${PROJECT_SOURCE_DIR}/README.md"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT runtime)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}/docs" COMPONENT runtime
  FILES_MATCHING PATTERN "*.md" PATTERN "*.json")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/examples/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}/examples" COMPONENT runtime
  FILES_MATCHING PATTERN "*.csv" PATTERN "README.md" PATTERN "cpp" EXCLUDE)
