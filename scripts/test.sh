#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build with warnings as errors, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

scripts/deps.sh test

echo "== build (warnings are errors) and test" >&2
cmake -S . -B build/ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANCHECK_WERROR=ON >/dev/null
cmake --build build/ci -j "$jobs"
ctest --test-dir build/ci --output-on-failure -j "$jobs"
