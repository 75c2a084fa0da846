/* The annotation model of ecg gen: one annotated struct as read from its header (members in
 * declaration order, with the sizes and offsets of the real record layout), the options of its
 * ECG_GENERATE annotation, and the layout the planner chose. The model owns every string. */
#ifndef ECG_CODEGEN_MODEL_H
#define ECG_CODEGEN_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* The cache line the planner and the emitted code assume, in bytes. */
#define GEN_CACHE_LINE 64

/* How often a member is used: ECG_HOT, ECG_COLD, or neither. */
enum gen_heat {
    GEN_HEAT_WARM,
    GEN_HEAT_HOT,
    GEN_HEAT_COLD,
};

struct gen_member {
    char *name;        /* as declared */
    char *declaration; /* the declarator without annotations or ';', e.g. "char venue[5]" */
    char *writer;      /* ECG_WRITER name; NULL when the member has none */
    enum gen_heat heat;
    size_t size;   /* bytes, from the record layout */
    size_t align;  /* bytes */
    size_t offset; /* bytes, in the struct as declared */
    unsigned line; /* 1-based line of the declaration in the input */
    int is_atomic; /* the type is _Atomic-qualified */
};

/* pool(capacity=N, local|shared): local pools serve one thread; shared ones are lock-free. */
enum gen_pool_sharing {
    GEN_POOL_LOCAL,
    GEN_POOL_SHARED,
};

struct gen_options {
    uint32_t pool_capacity; /* objects; 0 when no pool was asked for */
    enum gen_pool_sharing pool_sharing;
    uint32_t ring_capacity; /* slots, a power of two; 0 when no ring was asked for */
    int cache_aligned;      /* layout(cache_aligned): the struct is _Alignas(64) */
    int counters;           /* instrument(counters): alloc/free/failure/high-water */
    int latency;            /* instrument(latency): latency histograms through libecgrt */
};

struct gen_struct {
    char *name;      /* the struct tag */
    char *input;     /* the header as named on the command line */
    unsigned line;   /* 1-based line of the struct in the input */
    char **includes; /* the input's #include operands as written ("<stdint.h>"), minus
                      * ecg/annotate.h; the generated header repeats them */
    size_t n_includes;
    struct gen_member *members; /* declaration order */
    size_t n_members;
    size_t size;  /* bytes, sizeof as declared */
    size_t align; /* bytes, _Alignof as declared */
    struct gen_options options;
};

/* One piece of the planned struct: a member or an explicit padding member. */
struct gen_slot {
    size_t member;   /* index into gen_struct.members; GEN_SLOT_PADDING for padding */
    size_t offset;   /* bytes from the start of the struct */
    size_t size;     /* bytes */
    int starts_line; /* written with _Alignas(GEN_CACHE_LINE): begins a new cache line */
};

#define GEN_SLOT_PADDING ((size_t)-1)

struct gen_layout {
    struct gen_slot *slots; /* in offset order, padding included, no gaps */
    size_t n_slots;
    size_t size;  /* bytes, sizeof of the planned struct */
    size_t align; /* bytes */
};

/* Releases everything s owns (not s itself); s may be NULL. */
void gen_model_struct_fini(struct gen_struct *s);

/* Releases the slots of layout (not layout itself); layout may be NULL. */
void gen_model_layout_fini(struct gen_layout *layout);

#endif
