# bash completion for plancheck: commands, options, option values, and plan ids (asked of the
# plancheck being completed, `plancheck plans --ids`, so rule files given with --targets count).
# Installed as share/bash-completion/completions/plancheck; or `source` this file.
# tests/test_completion_bash.sh checks that it offers every option `plancheck COMMAND --help`
# lists, so it cannot fall behind the binary.
#
# Works without the bash-completion package (uses its _filedir for file names when present).

_plancheck_commands="check plans rules indicators lint units convert template merge"
_plancheck_global_options="--lang --color --quiet -q --help -h --version"

# Options of each command, as its --help lists them (global options are added to every one).
_plancheck_command_options() {
    case $1 in
        check) echo "--plan --targets --year --format --output -o --fail-under --min-coverage --require-all --path --tolerance
                     --yellow-band --only-failed --all-years --max-findings --jobs --regional-targets --region --encoding
                     --strict --max-yoy-change --per-file --explain --verbose -v" ;;
        plans) echo "--targets --format --ids" ;;
        rules) echo "--plan --targets --format" ;;
        indicators) echo "--plan --targets --format" ;;
        lint) echo "--plan --warnings-only" ;;
        units) echo "" ;;
        convert) echo "--to --calorific" ;;
        template) echo "--plan --targets --year --region --regional-targets --regional --output -o --no-bom" ;;
        merge) echo "--format --output -o --targets --regional-targets --only-failed" ;;
    esac
}

# File names with the extension $1 (any file when empty), and directories to descend into.
_plancheck_files() {
    if declare -F _filedir >/dev/null; then
        _filedir ${1:+"$1"}
    else
        local IFS=$'\n'
        if [[ -n $1 ]]; then
            COMPREPLY=($(compgen -f -X "!*.$1" -- "$cur"))
        else
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        COMPREPLY+=($(compgen -d -- "$cur"))
    fi
}

_plancheck() {
    local cur prev cword=$COMP_CWORD
    cur=${COMP_WORDS[cword]}
    prev=${COMP_WORDS[cword - 1]}
    # bash splits --format=json at '=' (COMP_WORDBREAKS): complete the value after it.
    if [[ $cur == "=" ]]; then
        cur=""
    elif [[ $prev == "=" ]]; then
        prev=${COMP_WORDS[cword - 2]}
    fi
    COMPREPLY=()

    # The command, and every --targets FILE already given (they add plans to --plan's ids).
    local command="" i word
    local -a targets=()
    for ((i = 1; i < cword; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
            --lang | --color) ((i++)) ;;
            --targets)
                ((i++))
                [[ ${COMP_WORDS[i]} == "=" ]] && ((i++))
                [[ -n ${COMP_WORDS[i]} ]] && targets+=(--targets "${COMP_WORDS[i]}")
                ;;
            -*) ;;
            *) [[ -z $command && " $_plancheck_commands " == *" $word "* ]] && command=$word ;;
        esac
    done

    case $prev in
        --lang) COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --format)
            if [[ $command == check ]]; then
                COMPREPLY=($(compgen -W "text json csv markdown junit github html xlsx" -- "$cur"))
            elif [[ $command == indicators ]]; then
                COMPREPLY=($(compgen -W "text json csv" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "text json" -- "$cur"))
            fi
            return ;;
        --path) COMPREPLY=($(compgen -W "linear compound" -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "auto utf-8 gb18030" -- "$cur")); return ;;
        --plan)
            local program=${COMP_WORDS[0]}
            [[ $program == "~/"* ]] && program=$HOME/${program#"~/"}
            COMPREPLY=($(compgen -W "$("$program" plans "${targets[@]}" --ids 2>/dev/null)" -- "$cur"))
            return ;;
        --targets) _plancheck_files toml; return ;;
        --regional-targets) _plancheck_files csv; return ;;
        -o | --output) _plancheck_files; return ;;
        --year | --fail-under | --min-coverage | --tolerance | --yellow-band | --max-findings | --jobs | --max-yoy-change | --region | \
            --explain | --to)
            return ;;
    esac

    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$_plancheck_global_options" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$_plancheck_commands" -- "$cur"))
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_plancheck_command_options "$command") $_plancheck_global_options" -- "$cur"))
        return
    fi
    case $command in
        check) _plancheck_files csv ;;
        lint) _plancheck_files toml ;;
        merge) _plancheck_files json ;;
    esac
}

complete -F _plancheck plancheck
