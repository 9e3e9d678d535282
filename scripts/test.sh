#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build with warnings as errors, run every test,
# then a short run of each fuzz target under ASan+UBSan (docs/reliability.md).
#   PLANCHECK_FUZZ_SECONDS   fuzz time per target (default 30; 0 skips the fuzz run)
#   PLANCHECK_SANITIZE_TESTS=1  also build and run the whole suite with ASan+UBSan (about 14 more
#                            minutes on two cores: over CI's 15-minute budget, so not in CI)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/deps.sh test

echo "== build (warnings are errors) and test" >&2
# -O1 without debug information: optimised enough for GCC's flow warnings, a third of the compile
# time of -O2 -g (CI builds this and the fuzz targets on two cores within 15 minutes).
cmake -S . -B build/ci -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1" -DPLANCHECK_WERROR=ON >/dev/null
cmake --build build/ci -j "$jobs"
ctest --test-dir build/ci --output-on-failure -j "$jobs"

if [[ ${PLANCHECK_SANITIZE_TESTS:-0} == 1 ]]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and test" >&2
  # -O0 -g1: instrumented code at -O1 takes three times as long to compile; line numbers in reports.
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DPLANCHECK_WERROR=ON \
    -DPLANCHECK_SANITIZE=ON >/dev/null
  cmake --build build/asan -j "$jobs"
  ctest --test-dir build/asan --output-on-failure -j "$jobs"
fi

fuzz_seconds="${PLANCHECK_FUZZ_SECONDS:-30}"
if ((fuzz_seconds > 0)) && command -v clang++ >/dev/null; then
  echo "== fuzz smoke run (${fuzz_seconds}s per target)" >&2
  PLANCHECK_FUZZ_DIR=build/fuzz bash scripts/fuzz.sh "$fuzz_seconds"
elif ((fuzz_seconds > 0)); then
  echo "== no clang++: fuzz smoke run skipped" >&2
fi
