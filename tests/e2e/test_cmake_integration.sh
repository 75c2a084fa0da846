#!/usr/bin/env bash
# End-to-end: ecg as CMake's CMAKE_C_CLANG_TIDY, with each generator installed (Unix
# Makefiles, Ninja). A finding fails `cmake --build` under --warnings-as-errors and is shown
# in the build log; the fixed project builds. The project's define (a quoted string) and
# include path must reach ecg, or the unit cannot be analysed.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

for name in CMAKE_COMMAND CMAKE_C_COMPILER; do
    if [ -z "${!name:-}" ]; then
        e2e_fail "environment variable $name is not set"
        e2e_finish
    fi
done
generators=()
if command -v make >/dev/null 2>&1; then
    generators+=("Unix Makefiles")
fi
if command -v ninja >/dev/null 2>&1; then
    generators+=(Ninja)
fi
if [ ${#generators[@]} -eq 0 ]; then
    e2e_fail "neither make nor ninja is installed"
    e2e_finish
fi

write_file project/CMakeLists.txt.in <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(ecg_e2e_tidy C)
set(CMAKE_C_CLANG_TIDY "${ECG}" check "--warnings-as-errors=*")
add_library(names STATIC src/names.c)
target_include_directories(names PRIVATE include)
target_compile_definitions(names PRIVATE GREETING="hello there")
EOF
write_file project/include/names.h <<'EOF'
#ifndef NAMES_H
#define NAMES_H
#include <stddef.h>
void names_copy(char *dst, size_t size, const char *src);
#endif
EOF

# names.c with the given copy statement; refuses to compile without the define and header.
write_names()
{
    write_file project/src/names.c <<EOF
#include <stdio.h>
#include <string.h>
#include "names.h"

#ifndef GREETING
#error "GREETING must come from the build"
#endif
_Static_assert(sizeof(GREETING) == sizeof("hello there"), "GREETING is a quoted string");

void names_copy(char *dst, size_t size, const char *src)
{
    (void)size;
    $1
}
EOF
}

# configure_and_build GENERATOR BUILD_DIR: fresh configure, then build; RC, OUT and ERR
# are the build's, LOG its stdout and stderr together.
configure_and_build()
{
    run "$CMAKE_COMMAND" -S project -B "$2" -G "$1" \
        -DCMAKE_C_COMPILER="$CMAKE_C_COMPILER" -DECG="$ECG"
    check_exit 0 "$1: configure $2"
    run "$CMAKE_COMMAND" --build "$2"
    LOG="$OUT
$ERR"
}

# check_build_failed DESCRIPTION
check_build_failed()
{
    if [ "$RC" -ne 0 ]; then
        e2e_pass
    else
        e2e_fail_ctx "$1: cmake --build must fail"
    fi
}

STRCPY_ERROR="src/names.c:13:5: error: $E2E_STRCPY_MSG [security-banned-function,-warnings-as-errors]"

for generator in "${generators[@]}"; do
    tag=${generator// /-}
    cp project/CMakeLists.txt.in project/CMakeLists.txt

    write_names 'strcpy(dst, src);'
    configure_and_build "$generator" "build-defect-$tag"
    check_build_failed "$generator, defect"
    assert_contains "$LOG" "$STRCPY_ERROR" "$generator, defect: the finding is in the build log"
    assert_not_contains "$LOG" "GREETING must come from the build" \
        "$generator, defect: the define reached ecg"
    assert_not_contains "$LOG" "could not be analyzed" "$generator, defect: the unit was analysed"
    assert_no_file "build-defect-$tag/libnames.a" "$generator, defect: the library was not built"

    write_names 'snprintf(dst, size, "%s", src);'
    configure_and_build "$generator" "build-fixed-$tag"
    check_exit 0 "$generator, fixed: cmake --build"
    assert_not_contains "$LOG" "security-banned-function" "$generator, fixed: no finding in the log"
    assert_not_contains "$LOG" "error:" "$generator, fixed: no error in the build log"
    assert_file_exists "build-fixed-$tag/libnames.a" "$generator, fixed: the library was built"

    # Without the define the unit cannot be analysed (exit 3), which also fails the build:
    # proof that the builds above passed the real flags to ecg.
    sed -i '/target_compile_definitions/d' project/CMakeLists.txt
    configure_and_build "$generator" "build-nodefine-$tag"
    check_build_failed "$generator, no define"
    assert_contains "$LOG" "GREETING must come from the build" \
        "$generator, no define: clang's #error in the build log"
done

e2e_finish
