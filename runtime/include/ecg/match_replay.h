/* The matching engine's command formats: the text replay format (one command a line, '#'
 * starts a comment, fields separated by blanks) and a compact binary one for benchmarks, and
 * the text form of events. Pure functions: no allocation, no I/O.
 *   A <id> <owner> <instrument> <B|S> <LIMIT|IOC|FOK|MARKET|POST> <price> <qty>
 *   C <id>
 *   M <id> <price> <qty> */
#ifndef ECG_RUNTIME_MATCH_REPLAY_H
#define ECG_RUNTIME_MATCH_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "ecg/match.h"

#ifdef __cplusplus
extern "C" {
#endif

enum ecgrt_match_command_kind {
    ECGRT_COMMAND_ADD,
    ECGRT_COMMAND_CANCEL,
    ECGRT_COMMAND_MODIFY,
};

struct ecgrt_match_command {
    enum ecgrt_match_command_kind kind;
    struct ecgrt_match_order order; /* ADD */
    uint64_t id;                    /* CANCEL, MODIFY */
    int64_t price;                  /* MODIFY */
    uint64_t qty;                   /* MODIFY */
};

/* The binary format: the 8 bytes of ECGRT_MATCH_BINARY_MAGIC, then records of
 * ECGRT_MATCH_RECORD_SIZE bytes, little-endian: kind ('A', 'C', 'M'), side (0 buy, 1 sell),
 * type (enum ecgrt_order_type), a zero byte, owner (u32), instrument (u32), four zero bytes,
 * id (u64), price (i64), qty (u64). */
#define ECGRT_MATCH_BINARY_MAGIC "ECGMTCH1"
#define ECGRT_MATCH_RECORD_SIZE 40

/* Parses one line (len bytes, no newline needed). Returns 1 with *out set; 0 for a blank or
 * comment line; ECGRT_EINVAL for a malformed one, with what is wrong written into err (at
 * most err_size bytes, NUL-terminated). */
int ecgrt_match_parse_line(struct ecgrt_match_command *out, const char *line, size_t len, char *err,
                           size_t err_size);

/* Runs a command on the engine. */
void ecgrt_match_apply(struct ecgrt_match *m, const struct ecgrt_match_command *cmd);

/* Writes an event as replay output prints it, ending in a newline, e.g.
 * "trade instrument=7 maker=12 taker=31 price=10025 qty=40\n". Returns the length it needs
 * (as snprintf does: the text is cut when that is size or more). */
int ecgrt_match_format_event(char *buf, size_t size, const struct ecgrt_match_event *event);

/* Encodes a command as one binary record. */
void ecgrt_match_encode(unsigned char out[ECGRT_MATCH_RECORD_SIZE],
                        const struct ecgrt_match_command *cmd);

/* Decodes one binary record. Returns 0, or ECGRT_EINVAL for an unknown kind, side or type. */
int ecgrt_match_decode(struct ecgrt_match_command *out,
                       const unsigned char in[ECGRT_MATCH_RECORD_SIZE]);

#ifdef __cplusplus
}
#endif

#endif
