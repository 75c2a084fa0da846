#!/usr/bin/env bash
# security-null-dereference and security-unchecked-allocation across translation units: a
# pointer NULL in one file (or an allocation no one checked) handed to another file (as an
# argument, through '&p', in a struct passed by value, in a global, along a chain of three
# files) is reported where the other file dereferences it, with notes in the first file;
# receivers that test it, reassign it first or use it only under a flag stay silent, and one
# file alone reports nothing.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

NULL_CHECKS='--checks=-*,security-null-dereference'
ALLOC_CHECKS='--checks=-*,security-unchecked-allocation'

# check CHECKS FILE...: runs one rule on the files (exit 0: warnings do not fail the run).
check()
{
    local checks=$1
    shift
    expect_exit 0 -- "$ECG" check "$checks" --no-db "$@" --
}

# --- a NULL name passed by value to a function of another file that reads it -------------
write_file value/names.h <<'EOF'
void print_name(const char *name);
void print_name_checked(const char *name);
EOF
write_file value/main.c <<'EOF'
#include <stddef.h>
#include "names.h"

int main(int argc, char **argv)
{
    const char *name = NULL;

    (void)argv;
    if (argc > 3)
        return 1;
    print_name(name);
    print_name_checked(name);
    return 0;
}
EOF
write_file value/print.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include "names.h"

void print_name(const char *name)
{
    printf("%zu\n", strlen(name));
}

void print_name_checked(const char *name)
{
    if (name != NULL)
        printf("%zu\n", strlen(name));
}
EOF
check "$NULL_CHECKS" value/main.c value/print.c
assert_contains "$OUT" "value/print.c:7:28: warning: 'name' is NULL here: another file hands this function NULL" \
    "value: the dereference in print.c is reported"
assert_contains "$OUT" "value/main.c:6:5: note: step 1: set to NULL here" \
    "value: a note points at the NULL in main.c"
assert_contains "$OUT" "value/main.c:11:5: note: step 2: passed to print_name() as argument 1" \
    "value: a note points at the call in main.c"
assert_count "$OUT" "warning:" 1 "value: the receiver that tests the name is silent"
check "$NULL_CHECKS" value/print.c
assert_not_contains "$OUT" "warning:" "value: the receiver alone reports nothing"

# --- a chain of three files: main.c -> relay.c -> show.c -----------------------------------
write_file chain/api.h <<'EOF'
struct item {
    int id;
};
void relay_item(struct item *it);
void show_item(struct item *it);
EOF
write_file chain/main.c <<'EOF'
#include <stddef.h>
#include "api.h"

void run(void)
{
    struct item *it;

    it = NULL;
    relay_item(it);
}
EOF
write_file chain/relay.c <<'EOF'
#include "api.h"

void relay_item(struct item *it)
{
    show_item(it);
}
EOF
write_file chain/show.c <<'EOF'
#include <stdio.h>
#include "api.h"

void show_item(struct item *it)
{
    printf("%d\n", it->id);
}
EOF
check "$NULL_CHECKS" chain/main.c chain/relay.c chain/show.c
assert_contains "$OUT" "chain/show.c:6:20: warning: 'it' is NULL here" "chain: reported in the third file"
assert_contains "$OUT" "chain/main.c:8:5: note: step 1: set to NULL here" "chain: the NULL in main.c"
assert_contains "$OUT" "chain/main.c:9:5: note: step 2: passed to relay_item() as argument 1" \
    "chain: the first hand-over"
assert_contains "$OUT" "chain/relay.c:5:5: note: step 3: passed to show_item() as argument 1" \
    "chain: the second hand-over"

# --- the shapes: &p, a struct by value, a global -----------------------------------------
write_file shapes/api.h <<'EOF'
struct request {
    char *body;
    int len;
};
extern char *pending_line;
void load_config(char **path);
void handle_request(struct request req);
void flush_pending(void);
EOF
write_file shapes/caller.c <<'EOF'
#include <stddef.h>
#include "api.h"

char *pending_line;

void start(void)
{
    char *path = NULL;
    struct request req;
    char *line = NULL;

    load_config(&path);
    req.body = NULL;
    req.len = 0;
    handle_request(req);
    pending_line = line;
    flush_pending();
}
EOF
write_file shapes/callee.c <<'EOF'
#include <stdio.h>
#include "api.h"

void load_config(char **path)
{
    char *p = *path;
    printf("%c\n", p[0]);
}

void handle_request(struct request req)
{
    char *body = req.body;
    body[0] = '\0';
}

void flush_pending(void)
{
    char *line = pending_line;
    fputs(line, stdout);
}
EOF
check "$NULL_CHECKS" shapes/caller.c shapes/callee.c
assert_contains "$OUT" "shapes/callee.c:7:20: warning: 'p' is NULL here" "address: *path is NULL"
assert_contains "$OUT" "passed to load_config() as argument 1" "address: the hand-over"
assert_contains "$OUT" "shapes/callee.c:13:5: warning: 'body' is NULL here" \
    "struct: req.body is NULL"
assert_contains "$OUT" "passed to handle_request() as argument 1" "struct: the hand-over"
assert_contains "$OUT" "shapes/callee.c:19:11: warning: 'line' is NULL here" \
    "global: pending_line is NULL"
assert_contains "$OUT" "stored in the global 'pending_line'" "global: the store"

# --- correct receivers: a test, a reassignment, a flag ------------------------------------
write_file quiet/api.h <<'EOF'
void use_or_default(const char *s);
void use_after_reset(const char *s);
void use_if_asked(const char *s, int asked);
EOF
write_file quiet/caller.c <<'EOF'
#include <stddef.h>
#include "api.h"

void caller(void)
{
    const char *s = NULL;

    use_or_default(s);
    use_after_reset(s);
    use_if_asked(s, 0);
}
EOF
write_file quiet/callee.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include "api.h"

void use_or_default(const char *s)
{
    if (s == NULL)
        s = "default";
    printf("%zu\n", strlen(s));
}

void use_after_reset(const char *s)
{
    s = "fixed";
    printf("%zu\n", strlen(s));
}

void use_if_asked(const char *s, int asked)
{
    if (asked)
        printf("%zu\n", strlen(s));
}
EOF
check "$NULL_CHECKS" quiet/caller.c quiet/callee.c
assert_not_contains "$OUT" "warning:" "quiet: tested, reassigned or flag-guarded receivers are silent"

# --- an allocation not checked, handed to another file ------------------------------------
write_file alloc/api.h <<'EOF'
void fill_greeting(char *buf);
void fill_greeting_checked(char *buf);
EOF
write_file alloc/main.c <<'EOF'
#include <stdlib.h>
#include "api.h"

void greet(void)
{
    char *buf = malloc(64);
    fill_greeting(buf);
    free(buf);
}

void greet_checked(void)
{
    char *buf = malloc(64);
    fill_greeting_checked(buf);
    free(buf);
}
EOF
write_file alloc/fill.c <<'EOF'
#include <string.h>
#include "api.h"

void fill_greeting(char *buf)
{
    strcpy(buf, "hello");
}

void fill_greeting_checked(char *buf)
{
    if (buf == NULL)
        return;
    strcpy(buf, "hello");
}
EOF
check "$ALLOC_CHECKS" alloc/main.c alloc/fill.c
assert_contains "$OUT" "alloc/fill.c:6:12: warning: 'buf' may be NULL here: it holds an allocation another file did not check" \
    "alloc: the unchecked use in fill.c is reported"
assert_contains "$OUT" "alloc/main.c:6:17: note: step 1: 'malloc' may return NULL here; nothing checks it" \
    "alloc: a note points at the allocation"
assert_count "$OUT" "warning:" 1 "alloc: the receiver that checks is silent"

e2e_finish
