# Shared by the benchmarks: fetch a corpus project and record its compile database.
# shellcheck shell=bash

# bench_require TOOL...: exits with a message when a tool is missing.
bench_require()
{
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || {
            echo "bench: '$tool' is missing (apt-get install bear clang clang-tidy time)" >&2
            exit 2
        }
    done
}

# bench_project NAME JOBS: prints the unpacked source directory of NAME after making sure
# it holds a compile_commands.json (recorded by building under bear).
bench_project()
{
    local name=$1 jobs=$2 top src
    top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    src=$(bash "$top/../shared/corpora/get-sources.sh" "$name" | cut -f2)
    [ -n "$src" ] || { echo "bench: could not fetch $name" >&2; exit 2; }
    if [ ! -s "$src/compile_commands.json" ]; then
        echo "bench: building $name under bear to record compile_commands.json" >&2
        (
            cd "$src" || exit 2
            case $name in
                redis)   bear -- make -j"$jobs" MALLOC=libc BUILD_TLS=no USE_SYSTEMD=no ;;
                lua5.4)  bear -- make -j"$jobs" linux || bear -- make -j"$jobs" ;;
                sqlite3) ./configure && bear -- make -j"$jobs" ;;
                curl)    ./configure --without-ssl --disable-shared --without-zlib \
                             --without-libpsl --without-brotli --without-zstd \
                             --without-nghttp2 --without-libidn2 --disable-ldap \
                             --without-librtmp && bear -- make -j"$jobs" ;;
                # the library, then as many regression programs as build (ck_ec's stop
                # the regressions' make on Debian 12; -k goes on past them)
                ck)      ./configure && bear -- make -j"$jobs" &&
                             { bear --append -- make -k -j"$jobs" regressions || true; } ;;
                *) echo "bench: no build recipe for $name" >&2; exit 2 ;;
            esac
        ) >/dev/null 2>&1 || { echo "bench: building $name failed" >&2; exit 2; }
    fi
    printf '%s\n' "$src"
}

# bench_floor_cmds OUT: writes one shell command per unit of ./compile_commands.json: the
# unit's own compiler flags, minus output and -c, run as `clang -fsyntax-only` (the floor
# any libclang tool pays).
bench_floor_cmds()
{
    python3 - "$1" <<'PY'
import json, shlex, sys
out = []
for e in json.load(open("compile_commands.json")):
    args = e.get("arguments") or shlex.split(e["command"])
    keep, skip = [], False
    for a in args[1:]:
        if skip: skip = False; continue
        if a == "-o": skip = True; continue
        if a == "-c" or a.startswith("-o"): continue
        keep.append(a)
    out.append("cd %s && clang -fsyntax-only %s" % (shlex.quote(e["directory"]),
               " ".join(shlex.quote(a) for a in keep)))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
}

# bench_rounds ROUNDS TIMES MODE...: runs every mode once per round under /usr/bin/time,
# appending "ROUND MODE USER SYS WALL STATUS" to TIMES; each round starts one mode later, so
# no mode always runs right after the same one. The caller defines set_cmd MODE, which sets
# cmd (the command), out (where its output goes) and accept (the highest exit status that is
# not a failure: ecg check exits 1 when it reports findings). Exits on a failed run. The
# locals start with _b: bash scoping is dynamic, so set_cmd sees them beside its own names.
# shellcheck disable=SC2154 # cmd, out and accept come from the caller's set_cmd
bench_rounds()
{
    local _b_rounds=$1 _b_times=$2 _b_round _b_i _b_mode _b_status
    shift 2
    local _b_modes=("$@")
    for _b_round in $(seq "$_b_rounds"); do
        echo "bench: round $_b_round/$_b_rounds" >&2
        for _b_i in $(seq 0 $(($# - 1))); do
            _b_mode=${_b_modes[$(((_b_i + _b_round) % $#))]}
            set_cmd "$_b_mode"
            _b_status=0
            /usr/bin/time -f "$_b_round $_b_mode %U %S %e %x" -a -o "$_b_times" "${cmd[@]}" \
                > "$out" 2>/dev/null || _b_status=$?
            [ "$_b_status" -le "$accept" ] ||
                { echo "bench: $_b_mode failed: ${cmd[*]}" >&2; exit 1; }
        done
    done
}

# bench_instructions FILE MODE...: counts each mode's instructions once under valgrind's
# callgrind (set_cmd as for bench_rounds), appending "MODE COUNT" to FILE.
# shellcheck disable=SC2154 # cmd, out and accept come from the caller's set_cmd
bench_instructions()
{
    local _b_file=$1 _b_mode _b_status
    shift
    bench_require valgrind
    for _b_mode in "$@"; do
        echo "bench: counting the instructions of $_b_mode" >&2
        set_cmd "$_b_mode"
        _b_status=0
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "${cmd[@]}" > "$out" \
            2> "$_b_file.err" || _b_status=$?
        [ "$_b_status" -le "$accept" ] ||
            { echo "bench: $_b_mode failed under valgrind" >&2; exit 1; }
        sed -n "s/.*Collected : \([0-9]*\).*/$_b_mode \1/p" "$_b_file.err" >> "$_b_file"
    done
}
