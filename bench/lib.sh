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
                *) echo "bench: no build recipe for $name" >&2; exit 2 ;;
            esac
        ) >/dev/null 2>&1 || { echo "bench: building $name failed" >&2; exit 2; }
    fi
    printf '%s\n' "$src"
}
