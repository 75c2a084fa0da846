#!/usr/bin/env bash
# End-to-end: `ecg match replay` prints the engine's events for a text session (from a file
# and from stdin), `ecg match convert` writes binary records that replay to the same events,
# malformed lines are reported with their line numbers and skipped (exit 2, the valid lines
# still run, the book untouched by the bad ones), and bad options or files are refused.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

cat >session.txt <<'TXT'
# two sellers and a buyer on instrument 7
A 10 1 7 S LIMIT 10025 100
A 11 2 7 S LIMIT 10025 60
A 31 4 7 B LIMIT 10025 140   # takes 100 from 10, then 40 from 11
C 11
C 11
TXT
expected='accepted id=10
book instrument=7 side=S price=10025 total=100
accepted id=11
book instrument=7 side=S price=10025 total=160
accepted id=31
trade instrument=7 maker=10 taker=31 price=10025 qty=100
trade instrument=7 maker=11 taker=31 price=10025 qty=40
book instrument=7 side=S price=10025 total=20
cancelled id=11 remaining=20
book instrument=7 side=S price=10025 total=0
rejected id=11 reason=unknown-id'

expect_exit 0 -- "$ECG" match replay session.txt
assert_eq "$OUT" "$expected" "the events of a session"
assert_contains "$ERR" "5 commands, 11 events, 0 malformed" "the summary counts commands and events"
run bash -c "\"$ECG\" match replay - <session.txt"
check_exit 0 "replay from stdin"
assert_eq "$OUT" "$expected" "stdin replays the same"

expect_exit 0 -- "$ECG" match convert session.txt -o session.bin
assert_eq "$(head -c 8 session.bin)" "ECGMTCH1" "the binary file starts with its magic"
assert_eq "$(stat -c %s session.bin)" "$((8 + 5 * 40))" "one 40-byte record per command"
expect_exit 0 -- "$ECG" match replay session.bin
assert_eq "$OUT" "$expected" "binary records replay to the same events"

# Malformed lines: reported with their numbers, skipped; the rest runs.
printf 'A 1 1 0 S LIMIT 100 5\nA 2 1 0 Q LIMIT 100 5\nbogus\nA 3 2 0 B LIMIT 100 5\n' >bad.txt
expect_exit 2 -- "$ECG" match replay bad.txt
assert_contains "$ERR" "bad.txt:2: error: side must be B or S: 'Q'" "a bad field is located"
assert_contains "$ERR" "bad.txt:3: error: unknown command" "an unknown command is located"
assert_contains "$OUT" "trade instrument=0 maker=1 taker=3 price=100 qty=5" "valid lines still run"
assert_not_contains "$OUT" "id=2" "the malformed order never reached the book"
expect_exit 2 -- "$ECG" match convert bad.txt -o bad.bin
[ ! -e bad.bin ] && e2e_pass || e2e_fail "a failed convert left bad.bin behind"

head -c 30 session.bin >short.bin
expect_exit 2 -- "$ECG" match replay short.bin
assert_contains "$ERR" "record 1: error: truncated" "a truncated binary record is reported"

# Engine limits from the options.
printf 'A 1 1 0 S LIMIT 50 5\nA 2 1 3 S LIMIT 10 5\n' >band.txt
expect_exit 0 -- "$ECG" match replay --instruments 2 --min-price 10 --max-price 40 band.txt
assert_contains "$OUT" "rejected id=1 reason=price-out-of-band" "--max-price bounds the band"
assert_contains "$OUT" "rejected id=2 reason=unknown-instrument" "--instruments bounds the books"
expect_exit 2 -- "$ECG" match replay --stp sometimes session.txt
assert_contains "$ERR" "--stp takes cancel-resting or cancel-incoming" "a bad --stp is refused"
expect_exit 2 -- "$ECG" match replay --min-price 10 --max-price 5 session.txt
assert_contains "$ERR" "cannot create the engine" "an empty band is refused"
expect_exit 2 -- "$ECG" match replay nothere.txt
assert_contains "$ERR" "nothere.txt" "a missing file is named"
expect_exit 2 -- "$ECG" match
expect_exit 0 -- "$ECG" match --help
assert_contains "$OUT" "ecg match replay" "the help shows the usage"
e2e_finish
