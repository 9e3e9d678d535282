#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build with warnings as errors and run every
# test; then build the suite again with ASan+UBSan and run it, and run each fuzz target for a short
# while from that same build (docs/reliability.md).
#   PLANCHECK_SANITIZE_TESTS=0  skip the sanitizer build, its tests and the fuzz run
#   PLANCHECK_FUZZ_SECONDS      fuzz time per target (default 20; 0 skips the fuzz run)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/deps.sh test

# configure DIR ARGS...: Ninja for a new build folder (it starts compiling sooner than make); an
# existing folder keeps the generator it was made with.
configure() {
  local dir=$1
  shift
  local generator=()
  [[ -f "$dir/CMakeCache.txt" ]] || ! command -v ninja >/dev/null || generator=(-G Ninja)
  cmake -S . -B "$dir" "${generator[@]}" "$@" >/dev/null
}

echo "== build (warnings are errors) and test" >&2
# -O1 without debug information: optimised enough for GCC's flow warnings, a third of the compile
# time of -O2 -g (CI builds twice on two cores within 15 minutes).
configure build/ci -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1" -DPLANCHECK_WERROR=ON
cmake --build build/ci -j "$jobs"
ctest --test-dir build/ci --output-on-failure -j "$jobs"

[[ ${PLANCHECK_SANITIZE_TESTS:-1} == 0 ]] && exit 0

# One build serves the sanitized tests and the fuzz targets: clang, ASan+UBSan everywhere, the
# library also instrumented for libFuzzer's coverage (and at -O1: fuzz/CMakeLists.txt). -O0
# without debug information compiles in half the time of -O1 -g1; reports still name functions,
# and UBSan's name lines.
# 20 s a target: five targets two at a time take the minute four took at 30 s.
fuzz_seconds="${PLANCHECK_FUZZ_SECONDS:-20}"
if command -v clang++ >/dev/null; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build (clang), test and fuzz" >&2
  configure build/sanitize -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0" \
    -DPLANCHECK_WERROR=ON -DPLANCHECK_SANITIZE=ON -DPLANCHECK_FUZZ=ON
else
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and test (no clang++: no fuzz run)" >&2
  configure build/sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0" -DPLANCHECK_WERROR=ON \
    -DPLANCHECK_SANITIZE=ON
  fuzz_seconds=0
fi
cmake --build build/sanitize -j "$jobs"
ctest --test-dir build/sanitize --output-on-failure -j "$jobs"

if ((fuzz_seconds > 0)); then
  PLANCHECK_FUZZ_DIR=build/sanitize bash scripts/fuzz.sh "$fuzz_seconds"
fi
