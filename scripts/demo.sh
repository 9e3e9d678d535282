#!/usr/bin/env bash
# README command 1: install what is missing, build plancheck, and run the main job — check the
# shipped (illustrative) 2020 statistics against the shipped 13th plan.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh build
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DPLANCHECK_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null

set +e
build/release/src/plancheck check examples/nmg-2020-illustrative.csv
status=$?
set -e
case $status in
  0) echo "(exit code 0: every evaluated target is met)" ;;
  1) echo "(exit code 1: compliance is below --fail-under, by default 100%: some targets are not met)" ;;
  *) exit "$status" ;;
esac
