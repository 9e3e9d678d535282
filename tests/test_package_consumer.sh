#!/usr/bin/env bash
# Keeps install() honest (as fmt and mp-units do): installs the build tree into a temporary
# prefix, checks what went where, then configures tests/consumer with CMAKE_PREFIX_PATH set to
# that prefix only, builds it and the C++ example of examples/cpp against the installed
# plancheck::plancheck, and runs both on the example statistics. Registered in CTest.
#
# Usage: test_package_consumer.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-consumer-XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "FAILED: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
echo "== installed into <prefix>:"
(cd "$prefix" && find . -type f | sed 's|^\./||' | grep -v -e '^include/plancheck/' -e '^share/doc/' | sort)
echo "   + $(find "$prefix/include/plancheck" -name '*.hpp' | wc -l) headers in include/plancheck," \
     "$(find "$prefix/share/doc/plancheck" -type f | wc -l) files in share/doc/plancheck"

# Every public header, and nothing else, under include/plancheck.
diff <(cd "$source/include/plancheck" && ls *.hpp) <(cd "$prefix/include/plancheck" && ls) >/dev/null ||
    fail "include/plancheck does not hold exactly the public headers"
for f in bin/plancheck share/man/man1/plancheck.1 share/bash-completion/completions/plancheck \
         share/zsh/site-functions/_plancheck share/doc/plancheck/examples/nmg-2020-illustrative.csv; do
    [[ -f $prefix/$f ]] || fail "$f is not installed"
done
[[ -n $(find "$prefix" -name libplancheck.a) ]] || fail "libplancheck.a is not installed"
[[ -n $(find "$prefix" -path '*/cmake/plancheck/plancheckConfigVersion.cmake') ]] || fail "no plancheckConfigVersion.cmake"

# The installed rule files are the bytes the installed binary carries: --version hashes those.
version=$("$prefix/bin/plancheck" --version)
for toml in "$prefix"/share/plancheck/targets/*.toml; do
    id=$(basename "$toml" .toml)
    hash=$(sha256sum "$toml" | cut -d' ' -f1)
    grep -qE "^  $id +$hash\$" <<<"$version" || fail "$id: --version does not give the installed file's hash $hash"
done

echo "== consumer and example, built against <prefix> only"
compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
cmake -S "$source/tests/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_CXX_COMPILER="$compiler" -DPLANCHECK_EXAMPLE_DIR="$source/examples/cpp" \
      >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configuring the consumer"; }
grep -q "plancheck_DIR:PATH=$prefix/" "$work/consumer/CMakeCache.txt" || fail "find_package did not pick the installed package"
cmake --build "$work/consumer" -j 2 >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "building the consumer"; }
# The headers came from the prefix, never from the source tree.
! grep -rq -- "-I$source/include" "$work/consumer/CMakeFiles" "$work/consumer/example/CMakeFiles" ||
    fail "the consumer was compiled with the source tree's include/"

example=$prefix/share/doc/plancheck/examples/nmg-2020-illustrative.csv
"$work/consumer/plancheck_consumer" "$example" || fail "plancheck_consumer"

set +e
"$work/consumer/example/plancheck-example" "$example" >"$work/example.out"
status=$?
set -e
cat "$work/example.out"
# 1: some targets of the illustrative 2020 file are missed, as `plancheck check` says.
[[ $status == 1 ]] || fail "plancheck-example exited $status, expected 1"
grep -q '^compliance: [0-9]*/[0-9]* (' "$work/example.out" || fail "plancheck-example printed no compliance line"
grep -q 'the 2.25 亿吨标准煤 cap' "$work/example.out" || fail "plancheck-example did not compare with the cap"
echo "consumer test passed"
