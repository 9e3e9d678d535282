#!/usr/bin/env bash
# Builds the Debian packages from the build tree with CPack, checks their control fields and
# contents, extracts the command's package into a scratch root with `dpkg -x` and runs it from
# there: --version, and a check of the example statistics the package ships. Registered in CTest.
#
# Usage: test_package_deb.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-deb-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb=$(find "$work/out" -maxdepth 1 -name 'plancheck_*.deb')
dev=$(find "$work/out" -maxdepth 1 -name 'libplancheck-dev_*.deb')
[[ -f $deb && -f $dev ]] || { ls "$work/out"; fail "expected plancheck_*.deb and libplancheck-dev_*.deb"; }

echo "== dpkg -I $(basename "$deb")"
dpkg-deb -I "$deb" | tee "$work/info"
# The command links libfmt, libxlsxwriter and libutf8proc dynamically; libc and libstdc++ are needed as ever.
for dep in libc6 libfmt9 libxlsxwriter4 libutf8proc2 libstdc\\+\\+6; do
    grep -qE "^ Depends:.*\\b$dep\\b" "$work/info" || fail "Depends lacks $dep"
done
grep -q '^ Section: utils' "$work/info" || fail "no Section"
grep -q '^ Maintainer: ' "$work/info" || fail "no Maintainer"

dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents"
for path in ./usr/bin/plancheck ./usr/share/man/man1/plancheck.1 ./usr/share/bash-completion/completions/plancheck \
            ./usr/share/zsh/vendor-completions/_plancheck ./usr/share/plancheck/targets/nmg-13fyp-energy.toml \
            ./usr/share/doc/plancheck/examples/nmg-2020-illustrative.csv; do
    grep -qxF "$path" "$work/contents" || fail "$(basename "$deb") lacks $path"
done
! grep -q -e '/include/' -e '\.a$' "$work/contents" || fail "the command's package holds development files"

echo "== dpkg -I $(basename "$dev") (Depends, contents)"
dpkg-deb -f "$dev" Package Depends Section
dpkg-deb -c "$dev" | awk '{print $6}' >"$work/dev-contents"
grep -q '/include/plancheck/plan\.hpp$' "$work/dev-contents" || fail "no headers in the development package"
grep -q '/libplancheck\.a$' "$work/dev-contents" || fail "no static library in the development package"
grep -q '/cmake/plancheck/plancheckConfig\.cmake$' "$work/dev-contents" || fail "no CMake package file"

echo "== run from the extracted package"
dpkg -x "$deb" "$work/root"
"$work/root/usr/bin/plancheck" --version | tee "$work/version"
grep -q '^plancheck [0-9]' "$work/version" || fail "--version"
example=$work/root/usr/share/doc/plancheck/examples/nmg-2020-illustrative.csv
set +e
"$work/root/usr/bin/plancheck" --lang en check "$example" >"$work/report"
status=$?
set -e
tail -1 "$work/report"
# The illustrative 2020 statistics miss some targets: exit 1, with a report.
[[ $status == 1 ]] || fail "check exited $status, expected 1"
grep -q '^compliance: ' "$work/report" || fail "no compliance line"
"$work/root/usr/bin/plancheck" check --fail-under 0 --quiet "$example" || fail "check --fail-under 0 did not exit 0"
echo "deb test passed"
