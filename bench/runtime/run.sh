#!/usr/bin/env bash
# Builds and runs the runtime micro-benchmark (bench_runtime.c) against runtime/src at -O2.
# Usage: bench/runtime/run.sh [extra compiler flags, e.g. -march=native]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${TMPDIR:-/tmp}/ecgrt-bench.$$
trap 'rm -f "$out"' EXIT
${CC:-cc} -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE "$@" \
  -I"$root/runtime/include" -I"$root" \
  "$root/bench/runtime/bench_runtime.c" "$root"/runtime/src/*.c -o "$out" -lpthread
"$out"
