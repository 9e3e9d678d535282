#!/usr/bin/env bash
# Builds the libFuzzer targets (clang) and runs each for a given number of seconds, as many at once
# as the machine has cores, each on one core. A crash, sanitizer report, leak, broken property or
# hang (over 10 s for one input) stops that target with a non-zero exit; the input is saved under
# $dir/findings/TARGET/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]     (default 30 s; targets csv unit rules check merge)
# Environment:
#   PLANCHECK_FUZZ_DIR   the build directory (default build/fuzz; relative to the project or
#                        absolute). When it is not configured yet it is configured for fuzzing
#                        alone; scripts/test.sh configures it with the sanitized test suite too.
#   PLANCHECK_FUZZ_SEED  libFuzzer's random seed (default: a new one each run; every log shows it),
#                        to repeat a run.
# The corpus grown by a run is kept in $dir/corpus/TARGET and reused by the next run; seeds are
# rebuilt every time (fuzz/seeds.sh). docs/reliability.md has the figures of the long runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds="${1:-30}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(csv unit rules check merge)
dir="${PLANCHECK_FUZZ_DIR:-build/fuzz}"

command -v clang++ >/dev/null || { echo "fuzz: clang++ is not installed (scripts/deps.sh test installs it)" >&2; exit 1; }
for t in "${targets[@]}"; do
  case "$t" in
    csv | check | unit | rules | merge) ;;
    *) echo "fuzz: unknown target $t (csv, unit, rules, check, merge)" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$dir/CMakeCache.txt" ]]; then
  # -O1 -g1: what libFuzzer's documentation suggests, and quicker to build than -O2 -g.
  cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DPLANCHECK_FUZZ=ON -DPLANCHECK_BUILD_TESTS=OFF -DPLANCHECK_INSTALL=OFF >/dev/null
fi
dir="$(cd "$dir" && pwd)"
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

bash fuzz/seeds.sh "$dir/seeds"

# run TARGET: one job, one worker, so each fuzzer keeps to one core. libFuzzer writes the job's
# output to fuzz-0.log in the working directory, a folder of the target's own; the exit code goes
# to logs/TARGET.rc.
run() {
  local t=$1 max_len dict=
  case "$t" in
    csv | check) max_len=4096 dict="$root/fuzz/csv.dict" ;;
    unit) max_len=256 ;;
    rules) max_len=16384 dict="$root/fuzz/rules.dict" ;;
    merge) max_len=65536 dict="$root/fuzz/merge.dict" ;;
  esac
  mkdir -p "$dir/corpus/$t" "$dir/findings/$t" "$dir/logs/$t"
  local rc=0
  (cd "$dir/logs/$t" && "$dir/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" ${dict:+-dict="$dict"} ${PLANCHECK_FUZZ_SEED:+-seed="$PLANCHECK_FUZZ_SEED"} \
    -print_final_stats=1 -jobs=1 -workers=1 -artifact_prefix="$dir/findings/$t/" \
    "$dir/corpus/$t" "$dir/seeds/$t" >/dev/null 2>&1) || rc=$?
  echo "$rc" >"$dir/logs/$t.rc"
}

echo "== fuzz ${targets[*]} for ${seconds}s each, $(nproc) at a time" >&2
running=0
for t in "${targets[@]}"; do
  if ((running >= $(nproc))); then
    wait -n
    running=$((running - 1))
  fi
  run "$t" &
  running=$((running + 1))
done
wait

status=0
for t in "${targets[@]}"; do
  rc=$(<"$dir/logs/$t.rc")
  log="$dir/logs/$t.log"
  mv -f "$dir/logs/$t/fuzz-0.log" "$log"
  echo "-- fuzz_$t" >&2
  grep -E '^INFO: Seed: |^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" >&2 || true
  if ((rc != 0)) || grep -qE '==[0-9]+== ?ERROR|runtime error:|^SUMMARY: |fuzz property broken|Test unit written' "$log"; then
    echo "fuzz_$t FAILED (exit $rc); see $log and $dir/findings/$t/" >&2
    grep -E '==[0-9]+== ?ERROR|runtime error:|^SUMMARY: |fuzz property broken|Test unit written' "$log" >&2 || true
    status=1
  fi
done
exit "$status"
