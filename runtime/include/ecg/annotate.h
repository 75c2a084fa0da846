/* ecg source annotations: markers the ecg checker and generator read from declarations.
 * Under clang (ecg reads code through libclang, which defines __clang__) or with ECG_ANALYZING
 * defined, each expands to __attribute__((annotate("ecg:<what>[:<argument>]"))); elsewhere (gcc,
 * msvc) to nothing, so annotated code builds everywhere. Write them before the declaration:
 * ECG_NONBLOCKING int push(struct ring *r, int v);  struct s { ECG_HOT uint64_t id; }; */
#ifndef ECG_RUNTIME_ANNOTATE_H
#define ECG_RUNTIME_ANNOTATE_H

/* The version of the annotation spellings below; raised when one changes meaning. */
enum ecgrt_annotate_version { ECGRT_ANNOTATE_VERSION = 1 };

#if defined(__clang__) || defined(ECG_ANALYZING)
#define ECG_ANNOTATE_ATTR(text) __attribute__((annotate(text)))
#else
#define ECG_ANNOTATE_ATTR(text)
#endif

/* The function never blocks: no allocation, lock, I/O, sleep or call to an unmarked external
 * function on any path (checked by lockfree-blocking-call). Spelled annotate("ecg:nonblocking"). */
#define ECG_NONBLOCKING ECG_ANNOTATE_ATTR("ecg:nonblocking")

/* The struct member is used on the hot path: the generator keeps it with the other hot
 * members in the first cache line. Spelled annotate("ecg:hot"). */
#define ECG_HOT ECG_ANNOTATE_ATTR("ecg:hot")

/* The struct member is rarely used: the generator places it after everything else.
 * Spelled annotate("ecg:cold"). */
#define ECG_COLD ECG_ANNOTATE_ATTR("ecg:cold")

/* The struct member is written by the thread (or role) name, a bare identifier; members written
 * by different writers must not share a cache line (lockfree-false-sharing).
 * ECG_WRITER(producer) is spelled annotate("ecg:writer:producer"). */
#define ECG_WRITER(name) ECG_ANNOTATE_ATTR("ecg:writer:" #name)

/* Asks ecg gen to generate code for the declaration; the arguments are the generator's
 * options, kept as written: ECG_GENERATE(pool, capacity = 64) is spelled
 * annotate("ecg:generate:pool, capacity = 64"). */
#define ECG_GENERATE(...) ECG_ANNOTATE_ATTR("ecg:generate:" #__VA_ARGS__)

#endif
