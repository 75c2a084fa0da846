#!/usr/bin/env bash
# security-use-after-free across translation units: a block freed in one file and freed
# again, or read, in another one it is handed to (as an argument, through '&p', in an array
# or a struct passed by value, in a global, as a result, along a chain of three files) is
# reported in the receiving file with a note where it was freed; receivers that take a live
# block, reassign it first or leave it alone stay silent, and one file alone reports nothing.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

CHECKS='--checks=-*,security-use-after-free'
RULE=security-use-after-free

# check CODE FILE...: runs the rule on the files; it exits with CODE (1: an error found).
check()
{
    local code=$1
    shift
    expect_exit "$code" -- "$ECG" check "$CHECKS" --no-db "$@" --
}

# --- a freed buffer passed by value to a function that frees it again --------------------
write_file value/session.h <<'EOF'
struct session {
    char *name;
    int id;
};
void session_release_name(char *name);
void session_close(struct session *s);
EOF
write_file value/close.c <<'EOF'
#include <stdlib.h>
#include "session.h"

void session_close(struct session *s)
{
    free(s->name);
    session_release_name(s->name);
    s->name = NULL;
}
EOF
write_file value/release.c <<'EOF'
#include <stdlib.h>
#include "session.h"

void session_release_name(char *name)
{
    free(name);
}
EOF
check 1 value/close.c value/release.c
assert_contains "$OUT" "value/release.c:6:5: error: 'name' is freed again after it was freed in another file ('close.c')" \
    "value: the double free is reported in release.c"
assert_contains "$OUT" "value/close.c:6:5: note: step 1: 's->name' is freed here" \
    "value: a note points at the first free in close.c"
assert_contains "$OUT" "value/release.c:4:27: note: step 3: 'name' comes in here, freed" \
    "value: a note points at the parameter it comes in by"
assert_contains "$OUT" "passed to session_release_name() as argument 1" \
    "value: a note says where it was handed over"
assert_count "$OUT" "[$RULE]" 1 "value: one finding"
check 0 value/release.c
assert_not_contains "$OUT" "$RULE" "value: release.c alone is silent"

# --- a chain over three files: main.c frees, relay.c passes on, sink.c reads ----------------
write_file chain/chain.h <<'EOF'
void relay_record(char *record);
void store_record(char *record);
EOF
write_file chain/main.c <<'EOF'
#include <stdlib.h>
#include <string.h>
#include "chain.h"

int main(void)
{
    char *record = malloc(64);

    if (record == NULL)
        return 1;
    strcpy(record, "entry");
    free(record);
    relay_record(record);
    return 0;
}
EOF
write_file chain/relay.c <<'EOF'
#include "chain.h"

void relay_record(char *record)
{
    store_record(record);
}
EOF
write_file chain/sink.c <<'EOF'
#include <stdio.h>
#include "chain.h"

void store_record(char *record)
{
    printf("%c\n", record[0]);
}
EOF
check 1 chain/main.c chain/relay.c chain/sink.c
assert_contains "$OUT" "chain/sink.c:6:20: error: 'record' is dereferenced after it was freed in another file ('main.c')" \
    "chain: the read in sink.c is reported"
assert_contains "$OUT" "chain/main.c:12:5: note:" "chain: the first note is the free in main.c"
assert_contains "$OUT" "chain/relay.c:5:5: note:" "chain: a note in relay.c"
assert_count "$OUT" "[$RULE]" 1 "chain: one finding"

# --- &p, through void * --------------------------------------------------------------------
write_file address/a.c <<'EOF'
#include <stdlib.h>

void drop_buffer(void *slot);

void reset_cache(void)
{
    char *cache = malloc(128);

    if (cache == NULL)
        return;
    free(cache);
    drop_buffer(&cache);
}
EOF
write_file address/b.c <<'EOF'
#include <stdlib.h>

void drop_buffer(void *slot)
{
    char **p = (char **)slot;
    char *buffer = *p;

    free(buffer);
}
EOF
check 1 address/a.c address/b.c
assert_contains "$OUT" "address/b.c:8:5: error: 'buffer' is freed again after it was freed in another file ('a.c')" \
    "address: '*p' of a 'void *' parameter carries the freed block"
assert_count "$OUT" "[$RULE]" 1 "address: one finding"

# --- a struct passed by value (through a local function pointer), and an array -------------
write_file aggregate/a.c <<'EOF'
#include <stdlib.h>

struct pair {
    char *first;
    char *second;
};

void consume_pair(struct pair p);
void consume_list(char *items[]);

void build(void)
{
    void (*hand_over)(struct pair) = consume_pair;
    struct pair p;
    char *items[4];
    char *text = malloc(32);

    if (text == NULL)
        return;
    free(text);
    p.first = text;
    p.second = NULL;
    hand_over(p);
    items[1] = text;
    consume_list(items);
}
EOF
write_file aggregate/b.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>

struct pair {
    char *first;
    char *second;
};

void consume_pair(struct pair p)
{
    char *first = p.first;

    free(first);
}

void consume_list(char *items[])
{
    char *item = items[1];

    puts(item);
}
EOF
check 1 aggregate/a.c aggregate/b.c
assert_contains "$OUT" "aggregate/b.c:13:5: error: 'first' is freed again after it was freed in another file ('a.c')" \
    "aggregate: the member of a struct passed by value, through a function pointer"
assert_contains "$OUT" "aggregate/b.c:20:5: error: 'item' is passed to 'puts' after it was freed in another file ('a.c')" \
    "aggregate: the element of an array"
assert_count "$OUT" "[$RULE]" 2 "aggregate: two findings"

# --- a global with external linkage, and a result ------------------------------------------
write_file global/a.c <<'EOF'
#include <stdlib.h>

char *pending_reply;
void flush_reply(void);
char *take_reply(void);

void finish_request(void)
{
    char *reply = malloc(256);

    if (reply == NULL)
        return;
    free(reply);
    pending_reply = reply;
    flush_reply();
}

void drain(void)
{
    char *reply = take_reply();

    free(reply);
}
EOF
write_file global/b.c <<'EOF'
#include <stdlib.h>

extern char *pending_reply;

void flush_reply(void)
{
    char *reply = pending_reply;

    free(reply);
}

char *take_reply(void)
{
    char *reply = malloc(16);

    if (reply == NULL)
        return NULL;
    free(reply);
    return reply;
}
EOF
check 1 global/a.c global/b.c
assert_contains "$OUT" "global/b.c:9:5: error: 'reply' is freed again after it was freed in another file ('a.c')" \
    "global: the global read in b.c"
assert_contains "$OUT" "global/a.c:13:5: note: step 1: the block stored in 'pending_reply' is freed here" \
    "global: the first note is the free in a.c"
assert_contains "$OUT" "global/a.c:22:5: error: 'reply' is freed again after it was freed in another file ('b.c')" \
    "global: the result of take_reply() freed again in a.c"
assert_contains "$OUT" "returned by take_reply()" "global: a note says it was returned"
assert_count "$OUT" "[$RULE]" 2 "global: two findings"

# --- silent receivers ----------------------------------------------------------------------
write_file silent/a.c <<'EOF'
#include <stdlib.h>

void keep_name(char *name);
void replace_name(char *name);
void forget_name(char *name);
void maybe_free(char *name, int owned);

void caller(int owned)
{
    char *live = malloc(8);
    char *gone = malloc(8);

    if (live == NULL || gone == NULL)
        return;
    keep_name(live);
    free(gone);
    replace_name(gone);
    forget_name(gone);
    if (owned)
        free(live);
    maybe_free(live, owned);
}
EOF
write_file silent/b.c <<'EOF'
#include <stdlib.h>
#include <string.h>

void keep_name(char *name)
{
    free(name);
}

void replace_name(char *name)
{
    name = strdup("fresh");
    free(name);
}

void forget_name(char *name)
{
    (void)name;
}

void maybe_free(char *name, int owned)
{
    if (!owned)
        free(name);
}
EOF
check 0 silent/a.c silent/b.c
assert_not_contains "$OUT" "$RULE" \
    "silent: a live block, a reassigned parameter, an unused one and a maybe-freed one"

e2e_finish
