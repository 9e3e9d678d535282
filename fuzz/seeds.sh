#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the project's own data: the example statistics,
# the shipped rule files, the bad-input corpus (tests/data/bad) and the unit spellings of
# src/units/unit_table.cpp. Each target's input starts with its option bytes (see the comment at
# the top of fuzz/fuzz_*.cpp), so every file is written with a few choices of them.
# Usage: fuzz/seeds.sh OUTDIR      (creates OUTDIR/{csv,unit,rules,check,merge}; existing files stay)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: fuzz/seeds.sh OUTDIR}"
mkdir -p "$out"/{csv,unit,rules,check,merge}

shopt -s nullglob
csv_files=("$root"/examples/*.csv "$root"/tests/data/bad/*.csv)
toml_files=("$root"/targets/*.toml "$root"/tests/data/bad/*.toml)

# seed DIR NAME PREFIX FILE: PREFIX (printf escapes) followed by FILE's bytes; files over 64 KiB
# are skipped (the fuzzers cap their inputs far below that).
seed() {
  local dir=$1 name=$2 prefix=$3 file=$4
  (($(stat -c %s "$file") <= 65536)) || return 0
  { printf "$prefix"; cat "$file"; } >"$out/$dir/$name"
}

for f in "${csv_files[@]}"; do
  b=$(basename "$f" .csv)
  # fuzz_csv: dialect byte (comma, uniform width, default limits; then automatic decoding), shape byte.
  seed csv "$b-plain" '\x00\x00' "$f"
  seed csv "$b-auto" '\x10\x00' "$f"
  seed csv "$b-small" '\x08\x37' "$f"
  seed csv "$b-trickle" '\xc0\x80' "$f"
  # fuzz_check: option byte (no year / 2020 / UTF-8 forced and every year).
  seed check "$b-default" '\x00' "$f"
  seed check "$b-2020" '\x06' "$f"
  seed check "$b-utf8-all" '\x28' "$f"
done

for f in "${toml_files[@]}"; do
  cp "$f" "$out/rules/$(basename "$f")"
done

# fuzz_unit: every accepted spelling, the units of the examples and rule files, numbers, years.
n=0
unit_seed() { if [[ -n "$1" ]]; then printf '%s' "$1" >"$out/unit/s$((n++))"; fi; }
while IFS= read -r s; do unit_seed "$s"; done < <(grep -o 'spell<[^>]*>*("[^"]*")' "$root/src/units/unit_table.cpp" | sed 's/.*("\(.*\)")/\1/' | sort -u)
while IFS= read -r s; do unit_seed "$s"; done < <(cat "${csv_files[@]}" 2>/dev/null | awk -F, 'NR>1 && NF>=5 {print $5}' | tr -d '\r' | sort -u | head -200)
while IFS= read -r s; do unit_seed "$s"; done < <(grep -ho '^value = "[^"]*"' "$root"/targets/*.toml | sed 's/^value = "\(.*\)"/\1/' | sort -u)
for s in 22500 -7.1 1.2e3 +5 ' 3 ' '２２５００' '１．５' '−7.1' '12%' '1,234.5' NaN inf 1e400 0x10 2020 2020年 2020.0 1899 2199; do
  unit_seed "$s"
done

# fuzz_merge: the JSON reports of the bad-input corpus, and splices into its built-in report (a
# first byte other than '{', two bytes of offset, the bytes written there).
for f in "$root"/tests/data/bad/*.json; do seed merge "$(basename "$f" .json)" '' "$f"; done
printf '\x01\x00\x00{"schema": "plancheck-reports/1", "reports": [' >"$out/merge/splice-bundle"
printf '\x01\x00\x40"status": "met"' >"$out/merge/splice-status"
printf '\x01\x01\x00"year": 2031,' >"$out/merge/splice-year"
printf '\x01\x02\x00"value": 1e999999,' >"$out/merge/splice-overflow"
printf '\x01\x00\x10[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' >"$out/merge/splice-deep"

echo "seeds in $out: merge $(ls "$out/merge" | wc -l), csv $(ls "$out/csv" | wc -l), unit $(ls "$out/unit" | wc -l), rules $(ls "$out/rules" | wc -l), check $(ls "$out/check" | wc -l)" >&2
