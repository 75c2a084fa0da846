# Bash completion for ecg. Installed as share/bash-completion/completions/ecg.
# Subcommands, options and their values are read from ecg's own --help output (and rule ids
# from 'ecg rules'), once per shell, so the completion always matches the installed ecg.
# shellcheck shell=bash

# The words of `ecg [SUB...] --help` that are options, cached per command line prefix.
_ecg_options()
{
    local key="${*// /_}" var
    var="_ecg_opts_${key//[^a-zA-Z0-9_]/_}"
    if [ -z "${!var+set}" ]; then
        printf -v "$var" '%s' "$("$_ecg_bin" "$@" --help 2>/dev/null |
            grep -oE -- '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' ,' | sort -u | tr '\n' ' ')"
    fi
    printf '%s' "${!var}"
}

# The choices an option's help spells as "OPT a|b|c".
_ecg_choices()
{
    "$_ecg_bin" "$@" --help 2>/dev/null | grep -oE -- "$_ecg_opt[ =][a-z-]+(\|[a-z-]+)+" |
        head -1 | sed -E 's/^[^ =]+[ =]//; s/\|/ /g'
}

_ecg_rule_ids()
{
    if [ -z "${_ecg_rules+set}" ]; then
        _ecg_rules=$("$_ecg_bin" rules 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')
    fi
    printf '%s' "$_ecg_rules"
}

# Completes the value of option $_ecg_opt (files, directories, rule globs or choices).
_ecg_value()
{
    local cur=$1
    shift
    case $_ecg_opt in
        -p | --build-path | --project-root | --resource-dir | --source-root)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            ;;
        -o | --output | --db | --config-file | --metrics | --baseline-file)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            ;;
        --checks | --warnings-as-errors)
            # A comma-separated list of globs, each possibly negated by a leading '-'.
            local item=${cur##*,} prefix
            prefix=${cur%"$item"}
            if [[ $item == -* ]]; then
                prefix+=-
                item=${item#-}
            fi
            mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$(_ecg_rule_ids) *" -- "$item")
            compopt -o nospace 2>/dev/null
            ;;
        *)
            mapfile -t COMPREPLY < <(compgen -W "$(_ecg_choices "$@")" -- "$cur")
            ;;
    esac
}

_ecg()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local _ecg_bin=${COMP_WORDS[0]} sub=() i
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --) compopt -o default 2>/dev/null; return 0 ;;
            -* | =) ;;
            *) [ ${#sub[@]} -lt 2 ] && sub+=("${COMP_WORDS[i]}") ;;
        esac
    done
    if [ ${#sub[@]} -eq 0 ] && [[ $cur != -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$("$_ecg_bin" help 2>/dev/null |
            sed -nE 's/^  ([a-z]+) .*/\1/p')" -- "$cur")
        return 0
    fi
    case ${sub[0]:-} in
        sarif) [ ${#sub[@]} -lt 2 ] && [[ $cur != -* ]] && {
                   mapfile -t COMPREPLY < <(compgen -W "merge diff" -- "$cur"); return 0; } ;;
        report) [ ${#sub[@]} -lt 2 ] && [[ $cur != -* ]] && {
                    mapfile -t COMPREPLY < <(compgen -W "html" -- "$cur"); return 0; } ;;
        *) sub=("${sub[0]:-}") ;;
    esac
    # Bash splits "--opt=value" at '=' (COMP_WORDBREAKS): the option is two words back.
    if [[ $prev == = ]] && [ "$COMP_CWORD" -ge 2 ]; then
        local _ecg_opt=${COMP_WORDS[COMP_CWORD - 2]}
        _ecg_value "$cur" "${sub[@]}"
        return 0
    fi
    if [[ $cur == --*=* ]]; then
        local _ecg_opt=${cur%%=*}
        _ecg_value "${cur#*=}" "${sub[@]}"
        return 0
    fi
    if [[ $prev == -* ]] && _ecg_options "${sub[@]}" | grep -qw -- "$prev" &&
        "$_ecg_bin" "${sub[@]}" --help 2>/dev/null | grep -qE -- "(^|[ ,])$prev[ =][A-Z<a-z]"; then
        local _ecg_opt=$prev
        _ecg_value "$cur" "${sub[@]}"
        return 0
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_ecg_options "${sub[@]}")" -- "$cur")
        return 0
    fi
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -F _ecg ecg
