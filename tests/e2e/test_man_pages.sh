#!/usr/bin/env bash
# End-to-end: the man pages (docs/man/*.1) render without groff warnings, each names every
# command of 'ecg help' it covers, and each command's page documents every long option its
# --help prints, so a new option without documentation fails here.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
man_dir=$ECG_SOURCE_DIR/docs/man

for page in "$man_dir"/*.1; do
    warnings=$(groff -man -ww -z "$page" 2>&1)
    assert_eq "$warnings" "" "$(basename "$page") renders without warnings"
done

# page_documents PAGE COMMAND...: every long option of 'ecg COMMAND... --help' is in PAGE.
page_documents()
{
    local page=$man_dir/$1 opt missing=""
    shift
    [ -f "$page" ] || { e2e_fail "missing man page $page"; return; }
    for opt in $("$ECG" "$@" --help | grep -oE -- '--[a-z][-a-z]*' | sort -u); do
        grep -qF -- "${opt//-/\\-}" "$page" || missing+=" $opt"
    done
    assert_eq "$missing" "" "$(basename "$page") documents every option of 'ecg $*'"
}

page_documents ecg-check.1 check
page_documents ecg-metrics.1 metrics
page_documents ecg-report.1 report html
page_documents ecg-gen.1 gen
page_documents ecg-match.1 match

# The overview page names every command.
for cmd in $("$ECG" help | sed -nE 's/^  ([a-z]+) .*/\1/p'); do
    assert_line "$(cat "$man_dir/ecg.1")" ".B $cmd" "ecg.1 describes the command $cmd"
done
e2e_finish
