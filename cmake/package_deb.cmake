# Debian packages with CPack, from the install rules of cmake/install.cmake:
#   cpack --config build/CPackConfig.cmake -G DEB
# gives plancheck_<version>_<arch>.deb (the command, rule sets, man page, completions, docs and
# examples) and libplancheck-dev_<version>_<arch>.deb (headers, static library, CMake package).
# docs/packaging.md; tests/test_package_deb.sh builds, inspects and runs them.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME plancheck)
set(CPACK_PACKAGE_VENDOR "plancheck")
set(CPACK_PACKAGE_CONTACT "plancheck maintainers <plancheck@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Debian policy: installed executables are stripped (CMake never strips the static library).
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME plancheck)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "check yearly statistics against a development plan's targets
plancheck reads yearly statistics (CSV) and judges every quantitative target
of a development plan: met or not met, on track or behind, the gap, the
attainment and the compliance percentage, with real units (coal equivalent,
pollutant mass and currency cannot be mixed up). It ships the Inner Mongolia
13th Five-Year Plan for Energy Conservation and Emission Reduction and reports
as text, JSON, CSV, Markdown, JUnit XML or GitHub annotations.")
# The command links libfmt, libxlsxwriter and libutf8proc dynamically, besides libstdc++, libgcc and libc: dpkg-shlibdeps
# (package dpkg-dev, which needs `file`) reads the versions from the binary itself; without it,
# the same list, with the versions of Debian 12's toolchain.
find_program(PLANCHECK_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(PLANCHECK_FILE_COMMAND file)
if(PLANCHECK_DPKG_SHLIBDEPS AND PLANCHECK_FILE_COMMAND)
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libc6 (>= 2.34), libfmt9 (>= 9.1.0), libgcc-s1 (>= 3.0), libstdc++6 (>= 12), libxlsxwriter4 (>= 1.1.4), libutf8proc2 (>= 2.5.0)")
endif()

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libplancheck-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
# What find_package(plancheck) looks for (cmake/plancheckConfig.cmake.in): Boost headers, fmt,
# libxlsxwriter and utf8proc (through pkg-config).
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "libboost-dev (>= ${PLANCHECK_BOOST_MIN_VERSION}), libfmt-dev, libxlsxwriter-dev, libutf8proc-dev, pkgconf")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "check statistics against a development plan's targets (C++ library)
The plancheck library: load a plan's targets, read statistics (CSV), evaluate
them with Boost.Units quantities and render reports. Headers, the static
library and a CMake package: find_package(plancheck) and link
plancheck::plancheck.")

include(CPack)
set(PLANCHECK_PACKAGE_DEB ON)  # tests/CMakeLists.txt registers the .deb test
