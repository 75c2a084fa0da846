#!/usr/bin/env bash
# security-realloc-leak across translation units: a fresh block handed to another file's
# function (as an argument, through '&p', in an array or a struct passed by value, along a
# chain of three files) that neither frees, keeps, returns nor passes it on is reported in
# the receiving file with notes where it was allocated; a result of another file's function
# that always allocates is reported where the caller drops it; receivers that free or keep
# the block, and callers that free it themselves, stay silent; one file alone is silent.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

CHECKS='--checks=-*,security-realloc-leak'
RULE=security-realloc-leak

# check FILE...: runs the rule on the files (warnings only: exit 0).
check()
{
    expect_exit 0 -- "$ECG" check "$CHECKS" --no-db "$@" --
}

# --- a block passed by value to a function that only reads it ------------------------------
write_file value/log.h <<'EOF'
void log_message(char *message);
EOF
write_file value/main.c <<'EOF'
#include <stdlib.h>
#include <string.h>
#include "log.h"

void report_start(const char *name)
{
    char *message = malloc(64);

    if (message == NULL)
        exit(1);
    strcpy(message, "starting ");
    strncat(message, name, 40);
    log_message(message);
}
EOF
write_file value/log.c <<'EOF'
#include <stdio.h>
#include "log.h"

void log_message(char *message)
{
    fputs(message, stderr);
}
EOF
check value/main.c value/log.c
assert_contains "$OUT" "value/log.c:4:18: warning: the block handed over in 'message' by another file" \
    "value: the leak is reported in the receiver"
assert_contains "$OUT" "value/main.c:7:21: note: step 1: 'message' receives a block allocated by malloc()" \
    "value: a note points at the allocation in main.c"
assert_contains "$OUT" "value/main.c:13:5: note: step 2: passed to log_message() as argument 1" \
    "value: a note says where it was handed over"
assert_count "$OUT" "[$RULE]" 1 "value: one finding"
check value/main.c
assert_not_contains "$OUT" "$RULE" "value: main.c alone is silent"
check value/log.c
assert_not_contains "$OUT" "$RULE" "value: log.c alone is silent"

# --- a chain over three files: main.c allocates, relay.c passes on, sink.c drops ----------
write_file chain/chain.h <<'EOF'
void relay_record(char *record);
void store_record(char *record);
EOF
write_file chain/main.c <<'EOF'
#include <stdlib.h>
#include <string.h>
#include "chain.h"

void make_record(void)
{
    char *record = calloc(1, 64);

    if (record == NULL)
        return;
    strcpy(record, "entry");
    relay_record(record);
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
check chain/main.c chain/relay.c chain/sink.c
assert_contains "$OUT" "chain/sink.c:4:19: warning: the block handed over in 'record' by another file" \
    "chain: the leak is reported in sink.c"
assert_contains "$OUT" "chain/main.c:7:20: note: step 1:" "chain: the first note is the allocation"
assert_contains "$OUT" "chain/relay.c:5:5: note:" "chain: a note in relay.c"
assert_count "$OUT" "[$RULE]" 1 "chain: one finding"

# --- &p, through void * --------------------------------------------------------------------
write_file address/a.c <<'EOF'
#include <stdlib.h>

void show_buffer(void *slot);

void fill_cache(void)
{
    char *cache = malloc(128);

    if (cache == NULL)
        return;
    cache[0] = '\0';
    show_buffer(&cache);
}
EOF
write_file address/b.c <<'EOF'
#include <stdio.h>

void show_buffer(void *slot)
{
    char **p = (char **)slot;
    char *buffer = *p;

    puts(buffer);
}
EOF
check address/a.c address/b.c
assert_contains "$OUT" "address/b.c:6:20: warning: the block handed over in 'buffer' by another file" \
    "address: '*p' of a 'void *' parameter carries the block"
assert_count "$OUT" "[$RULE]" 1 "address: one finding"

# --- a struct passed by value, and an array ------------------------------------------------
write_file aggregate/a.c <<'EOF'
#include <stdlib.h>
#include <string.h>

struct pair {
    char *first;
    char *second;
};

void show_pair(struct pair p);
void show_list(char *items[]);

void build_pair(const char *text)
{
    struct pair p;
    char *copy = strdup(text);

    if (copy == NULL)
        return;
    p.first = copy;
    p.second = NULL;
    show_pair(p);
}

void build_list(const char *text)
{
    char *items[4];
    char *copy = strdup(text);

    if (copy == NULL)
        return;
    items[2] = copy;
    show_list(items);
}
EOF
write_file aggregate/b.c <<'EOF'
#include <stdio.h>

struct pair {
    char *first;
    char *second;
};

void show_pair(struct pair p)
{
    char *first = p.first;

    puts(first);
}

void show_list(char *items[])
{
    char *item = items[2];

    puts(item);
}
EOF
check aggregate/a.c aggregate/b.c
assert_contains "$OUT" "aggregate/b.c:10:19: warning: the block handed over in 'first' by another file" \
    "aggregate: the member of a struct passed by value"
assert_contains "$OUT" "aggregate/b.c:17:18: warning: the block handed over in 'item' by another file" \
    "aggregate: the element of an array"
assert_count "$OUT" "[$RULE]" 2 "aggregate: two findings"

# --- a function of another file that returns a fresh block --------------------------------
write_file result/make.c <<'EOF'
#include <stdlib.h>

int *make_counts(int *counts)
{
    counts = malloc(10 * sizeof(int));
    if (counts == NULL)
        exit(1);
    return counts;
}
EOF
write_file result/use.c <<'EOF'
int *make_counts(int *counts);

void count_once(void)
{
    int *counts = 0;

    counts = make_counts(counts);
    counts[0] = 1;
}

void count_and_free(void);
EOF
write_file result/use_ok.c <<'EOF'
#include <stdlib.h>

int *make_counts(int *counts);

void count_and_free(void)
{
    int *counts = make_counts(NULL);

    counts[0] = 1;
    free(counts);
}
EOF
check result/make.c result/use.c result/use_ok.c
assert_contains "$OUT" "result/use.c:7:14: warning: memory from 'make_counts' (another file, see the flow) stored in 'counts'" \
    "result: the caller that drops the result is reported"
assert_contains "$OUT" "result/make.c:8:5: note: step 2: returned by make_counts()" \
    "result: a note says where the other file returns it"
assert_count "$OUT" "[$RULE]" 1 "result: one finding, not in the caller that frees"

# --- correct receivers and callers stay silent ---------------------------------------------
write_file silent/a.c <<'EOF'
#include <stdlib.h>
#include <string.h>

struct pair {
    char *first;
    char *second;
};

void take_name(char *name);
void keep_name(char *name);
void pass_name(char *name);
void read_name(char *name);
void take_pair(struct pair p);
void take_slot(char **slot);

void hand_over(const char *text)
{
    char *a = strdup(text);
    char *b = strdup(text);
    char *c = strdup(text);
    char *d = strdup(text);
    char *e = strdup(text);
    struct pair p;
    char *f = strdup(text);

    take_name(a);
    keep_name(b);
    pass_name(c);
    read_name(d);
    free(d);
    read_name(e);
    keep_name(e);
    p.first = f;
    p.second = NULL;
    take_pair(p);
}

void hand_slot(void)
{
    char *g = malloc(8);

    take_slot(&g);
}
EOF
write_file silent/b.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>

struct pair {
    char *first;
    char *second;
};

static char *kept;

void keep_name(char *name)
{
    free(kept);
    kept = name;
}

void take_name(char *name)
{
    if (name != NULL)
        free(name);
}

void pass_name(char *name)
{
    keep_name(name);
}

void read_name(char *name)
{
    puts(name);
}

void take_pair(struct pair p)
{
    char *first = p.first;

    free(first);
}

void take_slot(char **slot)
{
    free(*slot);
    *slot = NULL;
}
EOF
check silent/a.c silent/b.c
assert_not_contains "$OUT" "$RULE" \
    "silent: receivers that free or keep the block, callers that free it or give it to two"

e2e_finish
