#!/usr/bin/env bash
# End-to-end: the bash completion (analyzer/ecg-completion.bash) offers the subcommands, each
# command's options, the choices of an option (--format, --macros), rule ids for --checks
# (also after a comma and a '-'), and the values of "--opt=value" as bash splits them.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
# shellcheck source=/dev/null
. "$ECG_SOURCE_DIR/analyzer/ecg-completion.bash"

# complete WORD...: the completions _ecg offers for the command line ending in the last word.
complete_words()
{
    COMP_WORDS=("$ECG" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _ecg 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}"
}

assert_line "$(complete_words ch)" "check" "a subcommand is completed"
assert_line "$(complete_words "")" "metrics" "every subcommand is offered"
assert_line "$(complete_words "")" "report" "every subcommand is offered"
assert_line "$(complete_words check --for)" "--format" "check's options are completed"
assert_line "$(complete_words check --format "")" "sarif" "an option's choices are offered"
assert_line "$(complete_words metrics --macros "")" "as-written" "metrics' choices are read from its help"
assert_line "$(complete_words metrics --format = j)" "json" "--opt=value is completed as bash splits it"
assert_line "$(complete_words check --checks '-*,-security-ban')" "-*,-security-banned-function" \
    "rule ids are completed inside a list of globs"
assert_line "$(complete_words check --checks = lockfree-ab)" "lockfree-aba" "rule ids after --checks="
assert_line "$(complete_words sarif m)" "merge" "sarif's subcommands are completed"
assert_line "$(complete_words sarif diff --f)" "--format" "a sub-subcommand's options are completed"
assert_line "$(complete_words report html --met)" "--metrics" "report's options are completed"
mkdir "$E2E_TMP/builddir"
assert_line "$(complete_words check -p "$E2E_TMP/buil")" "$E2E_TMP/builddir" "-p completes directories"
assert_eq "$(complete_words check --no-such-opt)" "" "nothing is offered for an unknown option"
e2e_finish
