#!/usr/bin/env bash
# Builds the libFuzzer targets (clang) and runs each for a given number of seconds, one after the
# other, on one core. A crash, sanitizer report, leak, broken property or hang (over 10 s for one
# input) stops that target with a non-zero exit; the input is saved under $dir/findings/TARGET/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]     (default 30 s; targets csv unit rules check)
# Environment: PLANCHECK_FUZZ_DIR, the build directory (default build/fuzz). The corpus grown by a
# run is kept in $dir/corpus/TARGET and reused by the next run; seeds are rebuilt every time
# (fuzz/seeds.sh). docs/reliability.md has the figures of the long runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(csv unit rules check)
dir="${PLANCHECK_FUZZ_DIR:-build/fuzz}"

command -v clang++ >/dev/null || { echo "fuzz: clang++ is not installed (scripts/deps.sh test installs it)" >&2; exit 1; }
if [[ ! -f "$dir/CMakeCache.txt" ]]; then
  # -O1 -g1: what libFuzzer's documentation suggests, and quicker to build than -O2 -g for CI.
  # NDEBUG as in the release build: toml++ 3.3 trips its own assertions on some keys (issue 7).
  cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DPLANCHECK_FUZZ=ON \
    -DPLANCHECK_BUILD_TESTS=OFF -DPLANCHECK_INSTALL=OFF >/dev/null
fi
cmake --build "$dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

bash fuzz/seeds.sh "$dir/seeds"
status=0
for t in "${targets[@]}"; do
  case "$t" in
    csv) max_len=4096 dict=fuzz/csv.dict ;;
    check) max_len=4096 dict=fuzz/csv.dict ;;
    unit) max_len=256 dict= ;;
    rules) max_len=16384 dict=fuzz/rules.dict ;;
    *) echo "fuzz: unknown target $t (csv, unit, rules, check)" >&2; exit 2 ;;
  esac
  mkdir -p "$dir/corpus/$t" "$dir/findings/$t" "$dir/logs"
  log="$PWD/$dir/logs/$t.log"
  echo "== fuzz_$t for ${seconds}s" >&2
  # One job, one worker: the machine's other core stays free. libFuzzer writes the job's output
  # to fuzz-0.log in the working directory; it is kept as $dir/logs/TARGET.log.
  rc=0
  (cd "$dir/logs" && "$OLDPWD/$dir/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" ${dict:+-dict="$OLDPWD/$dict"} -print_final_stats=1 -jobs=1 -workers=1 \
    -artifact_prefix="$OLDPWD/$dir/findings/$t/" "$OLDPWD/$dir/corpus/$t" "$OLDPWD/$dir/seeds/$t" \
    >/dev/null 2>&1) || rc=$?
  mv -f "$dir/logs/fuzz-0.log" "$log"
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" >&2 || true
  if ((rc != 0)) || grep -qE '==[0-9]+== ?ERROR|runtime error:|^SUMMARY: |fuzz property broken|Test unit written' "$log"; then
    echo "fuzz_$t FAILED (exit $rc); see $log and $dir/findings/$t/" >&2
    grep -E '==[0-9]+== ?ERROR|runtime error:|^SUMMARY: |fuzz property broken|Test unit written' "$log" >&2 || true
    status=1
  fi
done
exit "$status"
