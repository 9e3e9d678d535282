#!/usr/bin/env bash
# Regenerates the golden reports that tests/test_cli_check.cpp compares against, and shows the
# difference, so that an intended change of the report can be reviewed and approved.
#
#   tests/golden/approve.sh [--dry-run] [PATH/TO/plancheck]
#
# The binary defaults to build/src/plancheck (then build-*/src/plancheck). --dry-run only shows
# the diff and exits 1 if a golden file would change. The reports are produced exactly as the test
# produces them: from the repository root, with relative paths, so nothing in them depends on the
# machine. After approving, review `git diff tests/golden` and commit it with the change.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dry_run=0
if [ "${1:-}" = "--dry-run" ]; then dry_run=1; shift; fi

bin="${1:-}"
if [ -z "$bin" ]; then
  for candidate in "$root"/build/src/plancheck "$root"/build-*/src/plancheck "$root"/build/*/src/plancheck; do
    if [ -x "$candidate" ]; then bin="$candidate"; break; fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "approve.sh: no plancheck binary found; build first or pass its path" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

cd "$root"
golden=tests/golden
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT

# name of the golden file | arguments of `plancheck` (run from the repository root)
# Keep this list identical to the golden cases of tests/test_cli_check.cpp.
cases=(
  "check-2020.json|--lang en check --format json examples/nmg-2020-illustrative.csv"
)

changed=0
for entry in "${cases[@]}"; do
  name="${entry%%|*}"
  read -r -a args <<< "${entry#*|}"
  status=0
  "$bin" "${args[@]}" > "$fresh/$name" 2> "$fresh/$name.stderr" || status=$?
  if [ "$status" -ge 2 ]; then
    echo "approve.sh: plancheck ${args[*]} failed (exit $status):" >&2
    cat "$fresh/$name.stderr" >&2
    exit 2
  fi
  if [ -f "$golden/$name" ] && cmp -s "$golden/$name" "$fresh/$name"; then
    echo "$name: unchanged"
    continue
  fi
  changed=1
  if [ -f "$golden/$name" ]; then
    diff -u --label "$golden/$name (approved)" --label "$golden/$name (now)" "$golden/$name" "$fresh/$name" || true
  else
    echo "$name: new golden file"
  fi
  if [ "$dry_run" -eq 0 ]; then
    cp "$fresh/$name" "$golden/$name"
    echo "$name: updated (review the diff above, then commit it)"
  fi
done

if [ "$dry_run" -eq 1 ] && [ "$changed" -eq 1 ]; then exit 1; fi
exit 0
