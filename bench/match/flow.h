/* The benchmark's synthetic order flow: seeded, pre-generated into memory as decoded commands
 * and as binary records of ecg/match_replay.h. Prices cluster near each instrument's touch
 * with a Pareto tail; most resting adds are cancelled later; some orders are marketable. */
#ifndef ECG_BENCH_MATCH_FLOW_H
#define ECG_BENCH_MATCH_FLOW_H

#include <stddef.h>
#include <stdint.h>

#include "ecg/match_replay.h"

#define FLOW_MIN_PRICE 1
#define FLOW_MAX_PRICE 65535 /* the QuantCup band: unsigned 16-bit prices */

struct flow_params {
    uint64_t seed;
    size_t commands;      /* how many to generate */
    uint32_t instruments; /* books */
    uint32_t live_target; /* resting orders the generator aims to keep, over all books */
    uint32_t max_orders;  /* the engine's order capacity (the generator runs one too) */
    int add_cancel_only;  /* limit orders and cancels only (the QuantCup shape) */
};

struct flow {
    struct ecgrt_match_command *cmds; /* n entries; owned */
    unsigned char *records;           /* n * ECGRT_MATCH_RECORD_SIZE bytes; owned */
    size_t n;
    uint64_t max_id;     /* ids run 1..max_id */
    size_t adds_resting; /* generated as resting adds (intent, not outcome) */
    size_t adds_marketable;
    size_t cancels;
    size_t modifies;
};

/* Generates p->commands commands. The generator drives an engine of its own as it goes, so it
 * knows which orders rest: cancels and modifies name live orders. Returns 0 or -1 (out of
 * memory). */
int flow_generate(struct flow *out, const struct flow_params *p);

/* Reads a text replay file (ecg/match_replay.h) into a flow. Returns 0, or -1 when the file
 * cannot be read, a line is malformed or memory runs out. */
int flow_read_text(struct flow *out, const char *path);

void flow_free(struct flow *f);

#endif
