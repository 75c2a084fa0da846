#!/usr/bin/env bash
# End-to-end: `cmake --install` into a scratch prefix puts every file in place, relocatable; from
# the moved prefix, outside the tree, find_package(ecg) + ecg_generate + ecg::rt, the installed ecg
# as CMAKE_C_CLANG_TIDY, and pkg-config build and run; with dpkg-deb, `cpack -G DEB`'s Depends
# and content are checked against ldd (the .deb is inspected, never installed).
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

for name in CMAKE_COMMAND ECG_BINARY_DIR; do
    if [ -z "${!name:-}" ]; then
        e2e_fail "environment variable $name is not set"
        e2e_finish
    fi
done
CC=${CMAKE_C_COMPILER:-cc}
CONSUMERS=$ECG_SOURCE_DIR/tests/e2e/install_consumer
GENERATOR="Unix Makefiles"
if command -v ninja >/dev/null 2>&1; then
    GENERATOR=Ninja
fi

# cache_value NAME: a variable of the build's CMakeCache.txt.
cache_value()
{
    sed -n "s/^$1:[A-Z]*=//p" "$ECG_BINARY_DIR/CMakeCache.txt" | head -n 1
}
LIBDIR=$(cache_value CMAKE_INSTALL_LIBDIR)
VERSION=$(cache_value CMAKE_PROJECT_VERSION)
MAJOR=${VERSION%%.*}

# A sanitized build's static libecgrt needs the sanitizer's runtime in whatever links it.
SAN_FLAGS=""
if [ "$(cache_value ECG_SANITIZE)" = ON ]; then
    SAN_FLAGS="-fsanitize=address,undefined"
elif [ "$(cache_value ECG_SANITIZE_THREAD)" = ON ]; then
    SAN_FLAGS="-fsanitize=thread"
fi

# --- install ----------------------------------------------------------------------------------
expect_exit 0 -- "$CMAKE_COMMAND" --install "$ECG_BINARY_DIR" --prefix "$E2E_TMP/staging"
P=$E2E_TMP/staging

check_file()
{
    assert_file_exists "$P/$1" "installed: $1"
}
if [ -x "$P/bin/ecg" ]; then
    e2e_pass
else
    e2e_fail "installed: bin/ecg is an executable"
fi
check_file "$LIBDIR/libecgrt.a"
check_file "$LIBDIR/libecgrt.so.$VERSION"
assert_eq "$(readlink "$P/$LIBDIR/libecgrt.so.$MAJOR")" "libecgrt.so.$VERSION" \
    "libecgrt.so.$MAJOR links to the versioned library"
assert_eq "$(readlink "$P/$LIBDIR/libecgrt.so")" "libecgrt.so.$MAJOR" \
    "libecgrt.so (the link-time name) links to the SONAME"
check_file "$LIBDIR/pkgconfig/ecgrt.pc"
for file in ecgConfig.cmake ecgConfigVersion.cmake ecgTargets.cmake EcgGenerate.cmake; do
    check_file "$LIBDIR/cmake/ecg/$file"
done
assert_eq "$(find "$P/$LIBDIR/cmake/ecg" -name 'ecgTargets-*.cmake' | wc -l)" 1 \
    "the package has the targets of one configuration"
check_file share/bash-completion/completions/ecg
for page in "$ECG_SOURCE_DIR"/docs/man/*.1; do
    check_file "share/man/man1/${page##*/}"
done
check_file share/doc/ecg/index.md
check_file share/doc/ecg/install.md
check_file share/doc/ecg/rules/security-banned-function.md
assert_no_file "$P/share/doc/ecg/man" "the man pages are not duplicated under the docs"

# Exactly the public headers: the runtime's internal ones stay private.
want=$(cd "$ECG_SOURCE_DIR/runtime/include/ecg" && ls -- *.h)
assert_eq "$(cd "$P/include/ecg" && ls)" "$want" "include/ecg holds the public headers only"

# Relocatable: no installed text names the prefix, the source tree or the build tree.
for dir in "$P" "$ECG_SOURCE_DIR" "$ECG_BINARY_DIR"; do
    baked=$(grep -rlF -- "$dir" "$P/$LIBDIR/cmake" "$P/$LIBDIR/pkgconfig" || true)
    assert_eq "$baked" "" "no package file names $dir"
done

# The shared library: its SONAME, and only the ecgrt_ API exported.
if command -v objdump >/dev/null 2>&1; then
    soname=$(objdump -p "$P/$LIBDIR/libecgrt.so.$VERSION" | awk '$1 == "SONAME" { print $2 }')
    assert_eq "$soname" "libecgrt.so.$MAJOR" "the SONAME is libecgrt.so.$MAJOR"
fi
if command -v nm >/dev/null 2>&1; then
    exported=$(nm -D --defined-only "$P/$LIBDIR/libecgrt.so.$VERSION" | awk '{ print $3 }')
    assert_contains "$exported" "ecgrt_hist_init" "the histogram API is exported"
    assert_contains "$exported" "ecgrt_metrics_register_counter" "the metrics API is exported"
    assert_eq "$(printf '%s\n' "$exported" | grep -cv '^ecgrt_')" 0 "only ecgrt_ symbols are exported"
    assert_not_contains "$exported" "ecgrt_metrics_sink_put" "internal functions stay hidden"
fi

# Everything below uses the moved prefix: nothing may depend on where it was installed.
mv "$P" "$E2E_TMP/prefix"
P=$E2E_TMP/prefix
ECG_INSTALLED=$P/bin/ecg

# --- (a) find_package(ecg) + ecg_generate + ecg::rt ------------------------------------------
cp -r "$CONSUMERS/gen" gen
expect_exit 0 -- "$CMAKE_COMMAND" -S gen -B gen-build -G "$GENERATOR" -DCMAKE_PREFIX_PATH="$P" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$SAN_FLAGS" -DCMAKE_EXE_LINKER_FLAGS="$SAN_FLAGS"
assert_contains "$OUT" "ecg $VERSION: $ECG_INSTALLED" "gen: find_package found the moved install"
expect_exit 0 -- "$CMAKE_COMMAND" --build gen-build --verbose
assert_contains "$OUT" "$ECG_INSTALLED gen" "gen: the installed ecg generated the pool"
assert_contains "$OUT" "$P/$LIBDIR/libecgrt.a" "gen: the program links ecg::rt, the static libecgrt"
assert_file_exists gen-build/ecg_gen/app/order.gen.c "gen: order.gen.c is written"
expect_exit 0 -- gen-build/app
assert_contains "$OUT" "pool of 64 orders" "gen: the program ran the pool"
expect_exit 0 -- gen-build/stats_shared
assert_contains "$OUT" "merged 200 values" "gen: a program linked with ecg::rt_shared ran"
if command -v ldd >/dev/null 2>&1; then
    run ldd gen-build/stats_shared
    assert_contains "$OUT" "libecgrt.so.$MAJOR => $P/$LIBDIR/libecgrt.so.$MAJOR" \
        "gen: ecg::rt_shared is the installed libecgrt.so"
fi

# --- (b) the installed ecg as CMAKE_C_CLANG_TIDY ----------------------------------------------
cp -r "$CONSUMERS/tidy" tidy
WARNING="greeting.c:16:5: warning: 'strcpy'"
expect_exit 0 -- "$CMAKE_COMMAND" -S tidy -B tidy-warn -G "$GENERATOR" -DCMAKE_PREFIX_PATH="$P" \
    -DCMAKE_C_COMPILER="$CC"
run "$CMAKE_COMMAND" --build tidy-warn
check_exit 0 "tidy: a warning does not fail the build"
assert_contains "$OUT$ERR" "$WARNING" "tidy: the build prints ecg's warning"
assert_contains "$OUT$ERR" "[security-banned-function]" "tidy: the warning names its rule"
assert_file_exists tidy-warn/libgreeting.a "tidy: the library was built"

expect_exit 0 -- "$CMAKE_COMMAND" -S tidy -B tidy-werror -G "$GENERATOR" -DCMAKE_PREFIX_PATH="$P" \
    -DCMAKE_C_COMPILER="$CC" "-DECG_TIDY_ARGS=--warnings-as-errors=*"
run "$CMAKE_COMMAND" --build tidy-werror
if [ "$RC" -ne 0 ]; then
    e2e_pass
else
    e2e_fail_ctx "tidy: --warnings-as-errors fails the build"
fi
assert_contains "$OUT$ERR" "greeting.c:16:5: error: 'strcpy'" "tidy: the finding is an error"
assert_no_file tidy-werror/libgreeting.a "tidy: the library was not built"

# --- (c) pkg-config ---------------------------------------------------------------------------
if command -v pkg-config >/dev/null 2>&1; then
    export PKG_CONFIG_PATH=$P/$LIBDIR/pkgconfig
    expect_exit 0 -- pkg-config --modversion ecgrt
    assert_eq "$OUT" "$VERSION" "pkg-config: the version"
    expect_exit 0 -- pkg-config --cflags --libs ecgrt
    PC_FLAGS=$OUT
    assert_contains "$PC_FLAGS" "-lecgrt" "pkg-config: links libecgrt"
    # shellcheck disable=SC2086 # the flags are words
    expect_exit 0 -- "$CC" -std=c11 -Wall -Wextra -Werror $SAN_FLAGS \
        "$CONSUMERS/pkgconfig/latency.c" -o latency $PC_FLAGS
    expect_exit 0 -- env LD_LIBRARY_PATH="$P/$LIBDIR" ./latency
    assert_contains "$OUT" "count 1000" "pkg-config: the program ran"
    if command -v ldd >/dev/null 2>&1; then
        run env LD_LIBRARY_PATH="$P/$LIBDIR" ldd ./latency
        assert_contains "$OUT" "libecgrt.so.$MAJOR => $P/$LIBDIR/libecgrt.so.$MAJOR" \
            "pkg-config: the program uses the shared libecgrt"
    fi
else
    e2e_fail "pkg-config is not installed"
fi

# --- the Debian package -----------------------------------------------------------------------
# deb_package_of LIB: the Debian package that owns the file LIB (as ldd printed its path;
# with merged /usr the database may know it under the other spelling).
deb_package_of()
{
    local path owner
    for path in "$1" "$(readlink -f "$1")" "/usr$1" "${1#/usr}"; do
        owner=$(dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1)
        if [ -n "$owner" ]; then
            printf '%s\n' "$owner"
            return 0
        fi
    done
    return 1
}

# check_deb DEB: the control fields, the content, and that every shared library the installed
# ecg needs (objdump NEEDED, found by ldd) comes from a package the .deb depends on.
check_deb()
{
    local deb=$1 depends content lib pkg
    depends=$(dpkg-deb -f "$deb" Depends)
    for pkg in libclang1- libsqlite3-0 libcjson1 libc6 libclang-common-; do
        assert_contains "$depends" "$pkg" "deb: Depends names $pkg"
    done
    assert_contains "$(dpkg-deb -I "$deb")" " shlibs" "deb: declares libecgrt in a shlibs file"
    content=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
    for file in ./usr/bin/ecg "./usr/$LIBDIR/libecgrt.a" "./usr/$LIBDIR/libecgrt.so.$VERSION" \
        ./usr/include/ecg/hist.h "./usr/$LIBDIR/pkgconfig/ecgrt.pc" \
        "./usr/$LIBDIR/cmake/ecg/ecgConfig.cmake" ./usr/share/man/man1/ecg.1 \
        ./usr/share/bash-completion/completions/ecg ./usr/share/doc/ecg/install.md; do
        assert_line "$content" "$file" "deb: holds $file"
    done
    assert_not_contains "$content" "fire_" "deb: no rule fixtures"
    if ! command -v ldd >/dev/null 2>&1 || ! command -v objdump >/dev/null 2>&1 ||
        ! command -v dpkg >/dev/null 2>&1; then
        return
    fi
    # The libraries ecg names itself (NEEDED), where ldd finds them; theirs are their business.
    local needed
    needed=$(objdump -p "$ECG_INSTALLED" | awk '$1 == "NEEDED" { print $2 }')
    for lib in $(ldd "$ECG_INSTALLED" | awk -v needed="$needed" '
            BEGIN { n = split(needed, names, "\n"); for (i = 1; i <= n; i++) want[names[i]] = 1 }
            $2 == "=>" && $3 ~ /^\// && ($1 in want) { print $3 }'); do
        pkg=$(deb_package_of "$lib")
        if [ -z "$pkg" ]; then
            e2e_fail "deb: no Debian package owns $lib (ldd $ECG_INSTALLED)"
            continue
        fi
        if printf '%s\n' "$depends" | tr ',|' '\n' | sed 's/^ *//; s/[ (].*//' | grep -qx "$pkg"; then
            e2e_pass
        else
            e2e_fail "deb: ecg loads $lib from $pkg, which Depends lacks" "Depends: $depends"
        fi
    done
}

CPACK=$(dirname -- "$CMAKE_COMMAND")/cpack
if command -v dpkg-deb >/dev/null 2>&1 && [ -x "$CPACK" ]; then
    expect_exit 0 -- "$CPACK" -G DEB --config "$ECG_BINARY_DIR/CPackConfig.cmake" -B "$E2E_TMP/deb"
    deb=$(find "$E2E_TMP/deb" -maxdepth 1 -name 'ecg_*.deb' | head -n 1)
    if [ -n "$deb" ]; then
        e2e_pass
        check_deb "$deb"
    else
        e2e_fail_ctx "cpack wrote ecg_*.deb"
    fi
fi

e2e_finish
