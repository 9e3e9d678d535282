#!/usr/bin/env bash
# Shell completions against the binary they complete, so neither can fall behind the other:
# - bash (completions/plancheck.bash), run for real: commands, every long option that
#   `plancheck COMMAND --help` prints and no option it does not, option values, plan ids (from
#   `plancheck plans --ids`, with the plans of --targets files on the line);
# - zsh (completions/_plancheck): every such option is named in its command's branch, and, when
#   zsh is installed, the file parses.
# Registered in CTest.
#
# Usage: test_completion.sh PLANCHECK_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
source=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/plancheck-completion-XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }

# COMPREPLY for a command line whose last word is being completed, one word a line.
complete_bash() {
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _plancheck; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$source/completions/plancheck.bash" "$@"
}
# Long options a --help text lists: its option lines, where CLI11 prints `  -o,--output FILE` or
# `  --format TEXT` (an option named in a description or in the footer is not one).
long_options() { sed -nE 's/^ +(-[a-zA-Z],)?(--[a-z][a-z-]*).*/\2/p' | sort -u; }

root_help=$("$bin" --help)
# The commands, from the "Subcommands:" part of --help.
commands=$(awk '/^[A-Za-z]+:$/ {part = $0; next} part == "Subcommands:" && /^  [a-z]/ {print $1}' <<<"$root_help" | sort)
[[ -n $commands ]] || { echo "FAILED: no commands in plancheck --help" >&2; exit 1; }
global_options=$(long_options <<<"$root_help")

# Commands: all of them for an empty word, and the one a prefix names.
[[ $(complete_bash "$bin" "" | sort) == "$commands" ]] || fail "commands offered: $(complete_bash "$bin" "" | xargs)"
reply=$(complete_bash plancheck ch)
grep -qx check <<<"$reply" || fail "plancheck ch<Tab> does not give check"
echo "bash: plancheck ch<Tab> → $(xargs <<<"$reply")"

# Options: for each command, exactly its options and the global ones.
for command in $commands; do
    help_options=$("$bin" "$command" --help | long_options)
    offered=$(complete_bash "$bin" "$command" -- | sort -u)
    for option in $help_options; do
        grep -qxF -- "$option" <<<"$offered" || fail "bash: $command --<Tab> does not offer $option"
    done
    for option in $(grep -- '^--' <<<"$offered"); do
        grep -qxF -- "$option" <<<"$help_options"$'\n'"$global_options" ||
            fail "bash: $command --<Tab> offers $option, which $command --help does not list"
    done
    echo "bash: $command: $(wc -w <<<"$help_options") options"
done

# Option values.
expect_values() {  # expected words... -- command line
    local -a expected=()
    while [[ $1 != -- ]]; do expected+=("$1"); shift; done
    shift
    local got
    got=$(complete_bash "$@" | sort | xargs)
    [[ $got == "$(printf '%s\n' "${expected[@]}" | sort | xargs)" ]] || fail "bash: $* → '$got', expected '${expected[*]}'"
}
expect_values zh en -- "$bin" --lang ""
expect_values auto always never -- "$bin" check --color ""
expect_values text json csv markdown junit github html xlsx -- "$bin" check --format ""
expect_values text json -- "$bin" rules --format ""
expect_values text json csv -- "$bin" indicators --format ""
expect_values json -- "$bin" plans --format = j
expect_values linear compound -- "$bin" check --path ""
expect_values auto utf-8 gb18030 -- "$bin" check --encoding ""

# Plan ids: those `plans --ids` prints, and a rule file's plan when --targets names it.
mapfile -t ids < <("$bin" plans --ids)
((${#ids[@]} >= 2)) || fail "plans --ids lists ${#ids[@]} plans"
expect_values "${ids[@]}" -- "$bin" check --plan ""
sed 's/^id = "nmg-13fyp-energy"/id = "my-plan"/' "$source/targets/nmg-13fyp-energy.toml" >"$work/my-plan.toml"
expect_values my-plan -- "$bin" check --targets "$work/my-plan.toml" --plan my
echo "bash: --plan <Tab> → $(complete_bash "$bin" check --plan "" | xargs)"

# Files: statistics for check, rule files for lint.
mkdir "$work/files"
touch "$work/files/a.csv" "$work/files/b.toml" "$work/files/c.json"
expect_values "$work/files/a.csv" -- "$bin" check "$work/files/"
expect_values "$work/files/b.toml" -- "$bin" lint "$work/files/"
expect_values "$work/files/c.json" -- "$bin" merge "$work/files/"

# zsh: every option of a command is named in that command's branch of _plancheck.
zsh_file=$source/completions/_plancheck
for command in $commands; do
    branch=$(awk -v c="        $command)" '$0 == c {on = 1; next} on && /^          ;;$/ {exit} on' "$zsh_file")
    [[ -n $branch ]] || { fail "zsh: no branch for $command"; continue; }
    # Options shared by several commands live in arrays the branch names.
    grep -q '\$plan_opts' <<<"$branch" && branch+=$'\n'$(awk '/local -a plan_opts=\(/,/^  \)$/' "$zsh_file")
    branch+=$'\n'$(awk '/local -a global_opts=\(/,/^  \)$/' "$zsh_file")
    for option in $("$bin" "$command" --help | long_options); do
        [[ $option == --help ]] && continue
        grep -qE -- "(^|[^a-z-])$option([^a-z-]|$)" <<<"$branch" || fail "zsh: $command does not complete $option"
    done
done
for option in $global_options; do
    grep -qE -- "(^|[^a-z-])$option([^a-z-]|$)" "$zsh_file" || fail "zsh: the global option $option is missing"
done
if command -v zsh >/dev/null; then
    zsh -n "$zsh_file" || fail "zsh: _plancheck does not parse"
    echo "zsh: _plancheck parses"
fi

((failures == 0)) || { echo "$failures failures" >&2; exit 1; }
echo "completion tests passed"
