#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build with warnings as errors, run every test;
# then the same tests built with AddressSanitizer and UndefinedBehaviorSanitizer, and a short run of
# each fuzz target (docs/reliability.md). PLANCHECK_FUZZ_SECONDS sets the fuzz time per target
# (default 30; 0 skips the fuzz run).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/deps.sh test

echo "== build (warnings are errors) and test" >&2
# -O1 without debug information: optimised enough for GCC's flow warnings, a third of the compile
# time of -O2 -g (CI builds twice on two cores and must stay under 15 minutes).
cmake -S . -B build/ci -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1" -DPLANCHECK_WERROR=ON >/dev/null
cmake --build build/ci -j "$jobs"
ctest --test-dir build/ci --output-on-failure -j "$jobs"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and test" >&2
# -O0 -g1: instrumented code at -O1 takes three times as long to compile; line numbers in reports.
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DPLANCHECK_WERROR=ON \
  -DPLANCHECK_SANITIZE=ON >/dev/null
cmake --build build/asan -j "$jobs"
ctest --test-dir build/asan --output-on-failure -j "$jobs"

fuzz_seconds="${PLANCHECK_FUZZ_SECONDS:-30}"
if ((fuzz_seconds > 0)) && command -v clang++ >/dev/null; then
  echo "== fuzz smoke run (${fuzz_seconds}s per target)" >&2
  PLANCHECK_FUZZ_DIR=build/fuzz bash scripts/fuzz.sh "$fuzz_seconds"
elif ((fuzz_seconds > 0)); then
  echo "== no clang++: fuzz smoke run skipped" >&2
fi
