#!/usr/bin/env bash
# security-buffer-overflow across translation units: a buffer of known size made in one file
# and written past its end in another one it is handed to (as an argument, along a chain of
# three files, through '&p' and void *, in a struct passed by value, in a global, as a
# result), and a string of known length copied into a smaller array in another file, are
# reported in the file that writes, with notes in the file the buffer or string came from;
# receivers that are given enough room, replace the pointer or check the length first stay
# silent, and one file alone reports nothing. A file that only hands a buffer on is analysed
# again for its size only when the file it hands it to asks about it.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
e2e_setup
cd "$E2E_TMP" || exit 1

CHECKS='--checks=-*,security-buffer-overflow'
RULE=security-buffer-overflow

# check CODE FILE...: runs the rule on the files; it exits with CODE (1: an error found).
check()
{
    local code=$1
    shift
    expect_exit "$code" -- "$ECG" check "$CHECKS" --no-db "$@" --
}

# --- a stack buffer passed by value to a function that writes a fixed size into it --------
write_file value/frame.h <<'EOF'
#define FRAME_MAGIC_SIZE 32
void frame_write_magic(unsigned char *out);
EOF
write_file value/send.c <<'EOF'
#include "frame.h"

void send_hello(void)
{
    unsigned char header[16];

    frame_write_magic(header);
}

void send_hello_sized(void)
{
    unsigned char header[FRAME_MAGIC_SIZE];

    frame_write_magic(header);
}
EOF
write_file value/magic.c <<'EOF'
#include <string.h>
#include "frame.h"

static const unsigned char magic[FRAME_MAGIC_SIZE] = { 0x7f, 'E', 'C', 'G' };

void frame_write_magic(unsigned char *out)
{
    memcpy(out, magic, sizeof(magic));
}
EOF
check 1 value/send.c value/magic.c
assert_contains "$OUT" "value/magic.c:8:5: error: 'memcpy' writes 32 bytes into 'out', which has room for 16" \
    "value: the write in magic.c is reported against the smallest caller's buffer"
assert_contains "$OUT" "value/send.c:5:5: note: step 1: 'header' has 16 bytes" \
    "value: a note points at the buffer in send.c"
assert_contains "$OUT" "passed to frame_write_magic() as argument 1" \
    "value: a note says where it was handed over"
assert_count "$OUT" "[$RULE]" 1 "value: one finding"
check 0 value/magic.c
assert_not_contains "$OUT" "$RULE" "value: magic.c alone is silent"
check 0 --config '{"rules":{"security-buffer-overflow":{"cross_unit":false}}}' value/send.c \
    value/magic.c
assert_not_contains "$OUT" "$RULE" "value: cross_unit off keeps each file to itself"

# --- a chain over three files: main.c owns the buffer, relay.c passes it on, fill.c writes --
write_file chain/names.h <<'EOF'
void relay_user_name(char *name);
void fill_user_name(char *name);
EOF
write_file chain/main.c <<'EOF'
#include <stdio.h>
#include "names.h"

int main(void)
{
    char name[8];

    relay_user_name(name);
    puts(name);
    return 0;
}
EOF
write_file chain/relay.c <<'EOF'
#include "names.h"

void relay_user_name(char *name)
{
    fill_user_name(name);
}
EOF
write_file chain/fill.c <<'EOF'
#include <string.h>
#include "names.h"

void fill_user_name(char *name)
{
    strcpy(name, "administrator");
}
EOF
check 1 chain/main.c chain/relay.c chain/fill.c
assert_contains "$OUT" "chain/fill.c:6:5: error: 'strcpy' writes 14 bytes into 'name', which has room for 8" \
    "chain: the copy in fill.c is reported"
assert_contains "$OUT" "chain/main.c:6:5: note: step 1: 'name' has 8 bytes" \
    "chain: the first note is the array in main.c"
assert_contains "$OUT" "chain/relay.c:5:5: note: step 3: passed to fill_user_name() as argument 1" \
    "chain: a note in relay.c"
assert_count "$OUT" "[$RULE]" 1 "chain: one finding"

# --- a relay whose receiver never writes: relay.c hands the buffer on to print.c, which only
# reads it, so no file asks about its size and relay.c is not analysed again for it ----------
write_file relayonly/lines.h <<'EOF'
void log_line(char *text);
void print_line(const char *text);
EOF
write_file relayonly/main.c <<'EOF'
#include "lines.h"

int main(void)
{
    char line[8] = "ready";

    log_line(line);
    return 0;
}
EOF
write_file relayonly/relay.c <<'EOF'
#include "lines.h"

void log_line(char *text)
{
    print_line(text);
}
EOF
write_file relayonly/print.c <<'EOF'
#include <stdio.h>
#include "lines.h"

void print_line(const char *text)
{
    puts(text);
}
EOF
check 0 relayonly/main.c relayonly/relay.c relayonly/print.c
assert_not_contains "$OUT" "$RULE" "relay only: nothing is reported"
assert_not_contains "$ERR" "analyses repeated" \
    "relay only: no file is analysed again for a size no receiver asks about"

# --- &p through void *, an allocation too small for the record written into it -------------
write_file address/store.c <<'EOF'
#include <stdlib.h>

void record_fill(void *slot);

void record_create(void)
{
    char *record = malloc(12);

    if (record == NULL)
        return;
    record_fill(&record);
    free(record);
}
EOF
write_file address/fill.c <<'EOF'
#include <string.h>

void record_fill(void *slot)
{
    char **where = (char **)slot;
    char *record = *where;

    memcpy(record, "2024-01-01 00:00", 17);
}
EOF
check 1 address/store.c address/fill.c
assert_contains "$OUT" "address/fill.c:8:5: error: 'memcpy' writes 17 bytes into 'record', which has room for 12" \
    "address: the copy through the pointer to the pointer is reported"
assert_contains "$OUT" "address/store.c:7:20: note: step 1: 'malloc' allocates 12 bytes" \
    "address: a note at the allocation in store.c"

# --- a struct passed by value whose member points to a small buffer -------------------------
write_file member/request.h <<'EOF'
struct request {
    char *body;
    int id;
};
void request_handle(struct request req);
EOF
write_file member/queue.c <<'EOF'
#include "request.h"

void queue_pop(void)
{
    char body[32];
    struct request req;

    req.id = 1;
    req.body = body;
    request_handle(req);
}
EOF
write_file member/handle.c <<'EOF'
#include <string.h>
#include "request.h"

void request_handle(struct request req)
{
    char *body = req.body;
    int i;

    for (i = 0; i < 64; i++) {
        body[i] = ' ';
    }
}
EOF
check 1 member/queue.c member/handle.c
assert_contains "$OUT" "member/handle.c:10:9: error: 'body' is written at index 63, past its 32 elements" \
    "member: the loop in handle.c is reported"
assert_contains "$OUT" "member/queue.c:5:5: note: step 1: 'body' has 32 bytes" \
    "member: a note at the array in queue.c"

# --- a global pointing to a small allocation ------------------------------------------------
write_file global/scratch.c <<'EOF'
#include <stdlib.h>

char *scratch_area;

int scratch_init(void)
{
    char *area = malloc(24);

    if (area == NULL)
        return -1;
    scratch_area = area;
    return 0;
}
EOF
write_file global/stamp.c <<'EOF'
#include <string.h>

extern char *scratch_area;

void stamp_time(void)
{
    char *out = scratch_area;

    memcpy(out, "time: 2024-01-01T00:00:00Z", 27);
}
EOF
check 1 global/scratch.c global/stamp.c
assert_contains "$OUT" "global/stamp.c:9:5: error: 'memcpy' writes 27 bytes into 'out', which has room for 24" \
    "global: the copy through the global is reported"
assert_contains "$OUT" "stored in the global 'scratch_area'" "global: a note at the store in scratch.c"

# --- a result: another file's function returns a small allocation --------------------------
write_file result/alloc.c <<'EOF'
#include <stdlib.h>

char *token_buffer(void)
{
    char *buf = malloc(8);

    if (buf == NULL)
        exit(1);
    return buf;
}
EOF
write_file result/use.c <<'EOF'
#include <string.h>

char *token_buffer(void);

void token_reset(void)
{
    char *token = token_buffer();

    strcpy(token, "anonymous");
}
EOF
check 1 result/alloc.c result/use.c
assert_contains "$OUT" "result/use.c:9:5: error: 'strcpy' writes 10 bytes into 'token', which has room for 8" \
    "result: the copy into the returned buffer is reported"
assert_contains "$OUT" "returned by token_buffer()" "result: a note at the return in alloc.c"

# --- a string of known length copied into a smaller array in another file -----------------
write_file string/log.h <<'EOF'
void log_line(const char *text);
void log_line_checked(const char *text);
EOF
write_file string/main.c <<'EOF'
#include <string.h>
#include "log.h"

void report(void)
{
    char line[100];

    memset(line, '#', 99);
    line[99] = '\0';
    log_line(line);
    log_line_checked(line);
}
EOF
write_file string/log.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include "log.h"

void log_line(const char *text)
{
    char copy[32];

    strcpy(copy, text);
    puts(copy);
}

void log_line_checked(const char *text)
{
    char copy[32];

    if (strlen(text) >= sizeof(copy))
        return;
    strcpy(copy, text);
    puts(copy);
}
EOF
check 1 string/main.c string/log.c
assert_contains "$OUT" "string/log.c:9:5: error: 'strcpy' writes 100 bytes into 'copy', which has room for 32" \
    "string: the copy of the long string is reported"
assert_contains "$OUT" "string/main.c:10:5: note: step 1: passed to log_line() as argument 1" \
    "string: a note where the string was handed over"
assert_count "$OUT" "[$RULE]" 1 "string: the receiver that checks the length is silent"

# --- silent receivers: given enough room, the pointer replaced, or its size checked --------
write_file silent/api.h <<'EOF'
void fill_exact(char *out);
void fill_own(char *out);
void fill_bounded(char *out, unsigned long size);
EOF
write_file silent/caller.c <<'EOF'
#include "api.h"

void caller(void)
{
    char wide[64];
    char narrow[8];

    fill_exact(wide);
    fill_own(narrow);
    fill_bounded(narrow, sizeof(narrow));
}
EOF
write_file silent/callee.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include "api.h"

void fill_exact(char *out)
{
    memset(out, 0, 64);
}

void fill_own(char *out)
{
    char local[64];

    out = local;
    memset(out, 0, sizeof(local));
    puts(out);
}

void fill_bounded(char *out, unsigned long size)
{
    snprintf(out, size, "%s", "a rather long default value");
}
EOF
check 0 silent/caller.c silent/callee.c
assert_not_contains "$OUT" "$RULE" "silent: correct receivers are not reported"

e2e_finish
