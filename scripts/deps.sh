#!/usr/bin/env bash
# Installs the Debian packages plancheck needs that are missing (and nothing else).
# Usage: scripts/deps.sh [build|test|bench]   (test adds what the test suite and CI use; bench what
# bench/run times plancheck with and against: docs/performance.md)
set -euo pipefail

build_packages=(cmake g++ make libcli11-dev libfmt-dev libboost-dev libtomlplusplus-dev nlohmann-json3-dev)
build_packages+=(libxlsxwriter-dev)  # the .xlsx template and report
build_packages+=(libutf8proc-dev pkgconf)  # NFKC and invisible characters in names (src/text/names.cpp)
test_packages=(catch2 libxml2-utils dpkg-dev file chromium)  # dpkg-dev, file: dpkg-shlibdeps for the .deb test; chromium: the HTML report in a browser
test_packages+=(lld)  # links the test programs faster (CMakeLists.txt uses it when present)
test_packages+=(ninja-build)  # scripts/test.sh builds with Ninja when present
test_packages+=(clang libclang-rt-14-dev)  # the fuzz smoke run: clang and its libFuzzer runtime
test_packages+=(python3-openpyxl)  # opens the .xlsx files plancheck writes, as another program would

bench_packages=(libbenchmark-dev hyperfine mawk miller time)  # not in CI: it runs bench/run --smoke without them

packages=("${build_packages[@]}")
if [[ "${1:-build}" == test ]]; then
  packages+=("${test_packages[@]}")
fi
if [[ "${1:-build}" == bench ]]; then
  packages+=("${bench_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "plancheck: installing missing Debian packages: ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "plancheck: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
