/* The taint engine's private state, shared by analyzer/taint*.c. Private to those files.
 *
 * Units: a "node" is an index into the function IR; a "var", "field" or "callee" an index
 * into the unit's tables below; a "pnode" an abstract memory object of one function's
 * points-to graph; a "loc" a class of pnodes after unification, the unit of dataflow
 * state; a "step" an index into the unit's witness arena (0: none). */
#ifndef ECG_ANALYZER_TAINT_INT_H
#define ECG_ANALYZER_TAINT_INT_H

#include <clang-c/Index.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/cfg.h"
#include "analyzer/cursormap.h"
#include "analyzer/fir.h"
#include "analyzer/opcode.h"
#include "analyzer/taint.h"
#include "analyzer/taint_xunit.h"

#define TNONE UINT32_MAX
#define TAINT_MAX_PARAMS 32      /* parameters past this share the last bit */
#define TAINT_BOUNDS_ALL 3u      /* ECG_TAINT_BOUND_UPPER | ECG_TAINT_BOUND_LOWER */
#define TAINT_SUMMARY_RUNS 6     /* summary analyses of one function before it is left as is */
#define TAINT_FLOW_RUNS 8        /* taint analyses of one function */
#define TAINT_CELLS_MAX 2000000u /* blocks x locations of a flow-sensitive run */
#define TAINT_FIELD_DEPTH 3      /* a.b.c.d is a.b.c */
/* A part of a global: the variable (0) or a field of it, at any depth, named by its last
 * field ((field + 1) << 1), or what either points to (| TAINT_PART_POINTEE). */
#define TAINT_PART_POINTEE 1u

/* --- built-in tables (taint_tables.c) -------------------------------------------------- */

enum taint_prop {
    TPROP_NONE,
    TPROP_OVERWRITE, /* dst's buffer := srcs (strcpy, sprintf) */
    TPROP_APPEND,    /* dst's buffer |= srcs (strcat, memcpy) */
    TPROP_RET,       /* result := srcs (strdup, atoi, strchr) */
    TPROP_SCAN,      /* each pointer argument from dst on |= srcs (sscanf) */
};

/* Argument positions in the tables are 1-based so that 0 means none. */
struct taint_sink_spec {
    uint8_t category; /* enum ecg_taint_category + 1; 0: an unused slot */
    uint32_t args;    /* bit i: argument i is the sink */
    uint8_t from;     /* and every argument from this one (1-based); 0: none */
};

/* What a library function does with data. */
struct taint_spec {
    const char *name;
    uint8_t source;      /* enum ecg_taint_source_kind + 1; 0: not a source */
    uint8_t source_ret;  /* the result is source data */
    uint32_t source_out; /* bit i: what argument i points to receives source data */
    uint8_t source_from; /* ... as does every argument from this one (1-based); 0: none */
    uint8_t stream;      /* the FILE * argument, 1-based (stdin: ECG_TAINT_FROM_STDIN) */
    uint8_t prop;        /* enum taint_prop */
    uint8_t dst;         /* the argument written by TPROP_OVERWRITE, _APPEND, _SCAN; 1-based */
    uint32_t srcs;       /* bit i: argument i is read (its data, through pointers) */
    uint8_t srcs_from;   /* ... and every string argument from this one (1-based); 0: none */
    uint8_t ret_alias;   /* the result points into what this argument points to; 1-based */
    uint8_t compare;     /* strcmp-like: 0 means equal */
    uint8_t alloc;       /* returns fresh memory */
    struct taint_sink_spec sinks[2];
};

/* The built-in behaviour of the library function name, or NULL. */
const struct taint_spec *ecg_taint_tables_find(const char *name);

/* The source kind of a global such as optarg or environ, or -1. */
int ecg_taint_tables_global_source(const char *name);

/* --- configuration (taint_config.c) ---------------------------------------------------- */

/* Everything .ecg.json says about one function, all entries naming it merged. */
struct taint_conf {
    const char *name; /* borrowed from the configuration */
    int source;       /* enum ecg_taint_source_kind, or -1 */
    int source_ret;
    uint32_t source_out;
    struct taint_sink_spec *sinks; /* owned */
    size_t n_sinks;
    int sanitize_ret;
    uint32_t sanitize_args;
};

struct taint_confs {
    struct taint_conf *items; /* owned */
    size_t len;
};

/* Builds the per-function entries of a validated "taint" object (NULL: none). Returns 0
 * or ECG_ENOMEM. */
int ecg_taint_config_build(struct taint_confs *out, const struct cJSON *taint);

void ecg_taint_config_fini(struct taint_confs *c);

const struct taint_conf *ecg_taint_config_find(const struct taint_confs *c, const char *name);

/* --- the unit's tables (taint_facts.c) ------------------------------------------------- */

enum taint_tclass {
    TC_UNKNOWN, /* not computed yet */
    TC_OTHER,
    TC_INT,    /* signed integer (and enums) */
    TC_UINT,   /* unsigned integer */
    TC_NARROW, /* an integer of at most 2 bytes, bool */
    TC_FLOAT,
    TC_PTR,    /* pointer to data */
    TC_PTR2,   /* pointer to pointer */
    TC_ARRAY,  /* array of data */
    TC_ARRAYP, /* array of pointers */
    TC_RECORD, /* struct or union */
    TC_FUNC,   /* function or pointer to function */
};

static inline int tclass_is_int(uint8_t tc)
{
    return tc == TC_INT || tc == TC_UINT || tc == TC_NARROW;
}

static inline int tclass_is_pointer(uint8_t tc)
{
    return tc == TC_PTR || tc == TC_PTR2 || tc == TC_ARRAY || tc == TC_ARRAYP;
}

struct taint_var {
    CXCursor decl;     /* canonical declaration */
    uint32_t function; /* the function it is local to; TNONE for a global */
    int32_t param;     /* position among the function's parameters, or -1 */
    uint8_t tclass;
    uint8_t internal; /* a global with internal linkage */
    uint8_t is_const;
    int8_t source;       /* a global source (optarg): enum ecg_taint_source_kind, or -1 */
    uint8_t is_stdin;    /* the global stdin */
    uint8_t const_state; /* 0 unknown yet, 1 constant, 2 not a constant */
    uint8_t written;     /* a global the unit changes or takes the address of */
    long long const_value;
    uint32_t gcell;    /* the global's first unit cell (taint.c), or TNONE */
    uint32_t *readers; /* owned; functions that use the global (after the scan) */
    uint32_t n_readers;
    uint32_t readers_cap;
};

struct taint_field {
    CXCursor decl;
    uint8_t in_union; /* every field of a union is the union itself */
};

struct taint_callee {
    char *name;                    /* owned */
    const struct taint_spec *spec; /* built-in behaviour, or NULL */
    const struct taint_conf *conf; /* configured behaviour, or NULL */
    uint32_t function;             /* its definition in the unit, or TNONE */
    uint8_t noreturn;
};

enum taint_fact_what {
    TF_NONE,
    TF_VAR,      /* DeclRefExpr to var ref */
    TF_FUNC,     /* DeclRefExpr to function (callee ref) */
    TF_ENUM,     /* DeclRefExpr to an enumerator */
    TF_FIELD,    /* MemberRefExpr of field ref */
    TF_CALL,     /* CallExpr of callee ref */
    TF_CALL_PTR, /* CallExpr through a pointer */
};

#define TFF_ARROW 1u /* MemberRefExpr: base->field */
#define TFF_DONE 2u  /* the function's facts are computed (on its FunctionDecl node) */
#define TFF_REFS 4u  /* the function's names are resolved (on its FunctionDecl node) */

/* What one node is, resolved once. */
struct taint_fact {
    uint32_t ref;
    uint8_t what;   /* enum taint_fact_what */
    uint8_t op;     /* enum ecg_op of an operator */
    uint8_t tclass; /* enum taint_tclass of an expression, TC_UNKNOWN until asked */
    uint8_t flags;
};

/* --- dataflow values ------------------------------------------------------------------- */

/* The taint of one value or location. In the summary mode s holds parameter bits; in the
 * taint mode s is the witness of source data and p of data a caller passed in. bounds is
 * TAINT_BOUNDS_ALL for an untainted cell. */
struct taint_cell {
    uint32_t s;
    uint32_t p;
    uint8_t bounds;
};

static inline int cell_tainted(const struct taint_cell *c)
{
    return c->s != 0 || c->p != 0;
}

/* --- functions ------------------------------------------------------------------------- */

/* Taint of what a pointer parameter points to: the object itself (field TNONE) or one of
 * its fields, so a struct passed by pointer keeps its fields apart. */
struct taint_part {
    uint32_t param;
    uint32_t field; /* field index, or TNONE for the object */
    struct taint_cell cell;
};

struct taint_parts {
    struct taint_part *items; /* owned */
    size_t len;
    size_t cap;
};

enum taint_mode {
    TM_SUMMARY, /* parameter bits, for summaries */
    TM_TAINT,   /* witnesses of source and caller data, for flows */
};

struct taint_fn {
    uint32_t node; /* the FunctionDecl */
    char *name;    /* owned */
    uint32_t n_params;
    uint32_t *params; /* owned; var of each parameter (TNONE when unnamed) */
    int has_source;   /* calls a source function, or is main */
    /* summary (TM_SUMMARY) */
    uint32_t ret_mask;
    uint32_t sink_mask;
    uint32_t *out_mask;           /* owned; n_params entries: out_parts of each parameter, joined */
    struct taint_parts out_parts; /* cell.s: the parameter bits written where a parameter
                                     points, to the object or one of its fields */
    uint8_t ret_bounds;
    uint8_t summary_runs;
    uint8_t summary_queued;
    uint8_t summary_done; /* computed at least once */
    int8_t const_ret;     /* -1 unknown, 0 no, 1 yes (const_value) */
    long long const_value;
    /* taint (TM_TAINT) */
    struct taint_cell *seeds;      /* owned; n_params entries: what callers pass in (the value) */
    struct taint_parts seed_parts; /* ... and in what the parameters point to */
    uint32_t s_ret;                /* witness of source data returned */
    struct taint_parts s_outs;     /* source data written where parameters point (cell.s) */
    uint8_t taint_runs;
    uint8_t taint_queued;
    uint32_t *callers; /* owned; functions of the unit that call this one directly */
    size_t n_callers;
    size_t callers_cap;
    /* callers that used this function's summary or results: re-run when they change */
    uint32_t *users; /* owned; function index << 1 | mode */
    size_t n_users;
    size_t users_cap;
};

/* --- witnesses and flows (taint_steps.c) ----------------------------------------------- */

enum taint_step_kind {
    TS_SOURCE,        /* node: the source call; aux: enum ecg_taint_source_kind */
    TS_ARGV,          /* node: main's argv or envp parameter; aux: kind */
    TS_GLOBAL_SOURCE, /* node: a read of optarg; aux: kind */
    TS_ASSIGN,        /* node: the assignment, initialised variable, or compound assignment */
    TS_COPY,          /* node: the library call that copied the data; aux: destination arg */
    TS_PARAM,         /* node: the call passing the data; aux: parameter position */
    TS_RETURN,        /* node: the call whose result carries it */
    TS_OUT,           /* node: the call that wrote it; aux: argument position */
    TS_GLOBAL,        /* node: a read of the global that holds it */
    TS_EXTERN,        /* node: the call whose result a seed is, or TNONE; aux: seed */
};

struct taint_step {
    uint32_t prev; /* 0: the first step */
    uint32_t node;
    uint32_t aux;
    uint8_t kind;
};

struct taint_raw_flow {
    uint32_t sink; /* node */
    uint32_t arg;
    uint32_t witness;
    uint8_t category;
    uint8_t op;
    uint8_t bounds;
};

struct ecg_taint;

/* --- one function's analysis ----------------------------------------------------------- */

/* A points-to object. */
struct taint_pnode {
    uint32_t parent;  /* union-find */
    uint32_t pointee; /* what a pointer stored here points to, or TNONE */
    uint32_t fields;  /* first field link, or TNONE */
    uint32_t global;  /* the global var this is (part of), or TNONE */
    uint32_t gpart;   /* the part of global it is (TAINT_PART_POINTEE) */
    uint32_t fn;      /* a function designator: function index; TNONE none; TNONE - 1 many */
    uint8_t depth;    /* field depth */
    uint8_t single;   /* one object: strong updates allowed */
};

struct taint_plink {
    uint32_t field;
    uint32_t node;
    uint32_t next;
};

/* What a location is after unification. */
struct taint_loc {
    uint32_t global; /* global var, or TNONE */
    uint32_t gpart;
    uint32_t parent;      /* the location this is a field of, or TNONE */
    uint32_t first_field; /* first location that is a field of this one (linked by next) */
    uint32_t next_field;
    uint32_t field;   /* the field this location is of its parent, or TNONE */
    uint32_t fn;      /* the one function a pointer here designates; TNONE none or many */
    uint32_t pointee; /* the location a pointer stored here points to, or TNONE */
    uint32_t members;
    uint8_t single;
};

/* A comparison's effect on one edge of a branch. */
struct taint_guard {
    uint32_t loc;
    uint32_t region; /* for an allow-listed pointer: its buffer, or TNONE */
    uint8_t effect;  /* ECG_TAINT_BOUND_* to add, or GUARD_CLEAN */
};

#define GUARD_CLEAN 4u

struct taint_fa {
    struct ecg_taint *t;
    uint32_t fn;
    uint32_t root;    /* the FunctionDecl node */
    uint32_t n_nodes; /* the function's nodes: [root, root + n_nodes) */
    enum taint_mode mode;
    struct ecg_cfg cfg;
    /* points-to graph, then locations */
    struct taint_pnode *pn;
    size_t n_pn;
    size_t pn_cap;
    struct taint_plink *links;
    size_t n_links;
    size_t links_cap;
    uint32_t *pairs; /* unification worklist */
    size_t n_pairs;
    size_t pairs_cap;
    uint32_t *lv;   /* per node: the pnode, then the loc, it designates as an lvalue */
    uint32_t *pt;   /* per node: the pnode, then the loc, its pointer value points to */
    uint32_t *temp; /* per node: the pnode of a temporary (call result, ?: value) */
    size_t nodes_cap;
    uint32_t *var_node; /* per var: its storage pnode, valid when var_stamp matches */
    uint32_t *var_stamp;
    size_t vars_cap;
    uint32_t stamp;
    uint32_t *loc_of; /* per pnode root: its loc */
    size_t loc_of_cap;
    struct taint_loc *locs;
    size_t n_locs;
    size_t locs_cap;
    /* dataflow */
    struct taint_cell *val; /* per node: the value of the expression */
    size_t val_cap;
    struct taint_cell *state; /* per block: entry state, n_locs cells each (or one state) */
    size_t state_cap;
    struct taint_cell *work; /* the state being transformed */
    struct taint_cell *edge; /* the state along an edge with guards */
    size_t work_cap;
    uint8_t *reached; /* per block */
    uint8_t *queued;
    uint32_t *queue;
    size_t blocks_cap;
    int flow_insensitive;
    int changed;           /* flow-insensitive pass changed something */
    struct taint_cell ret; /* joined returned value */
    uint32_t sink_acc;     /* TM_SUMMARY: parameter bits that reached a sink or a global */
    int8_t *bconst;        /* per block: 2 not evaluated, -1 not constant, else 0 or 1 */
    long long *bvalue;     /* per block: a constant switch value */
    size_t bconst_cap;
    struct taint_guard *guards;
    size_t n_guards;
    size_t guards_cap;
    int failed;
};

/* --- the engine ------------------------------------------------------------------------ */

struct taint_gcell {
    uint32_t var;
    uint32_t part;
    uint32_t next; /* next part of the same global */
    uint32_t witness;
};

struct ecg_taint {
    CXTranslationUnit tu;
    const struct ecg_fir *fir;
    unsigned categories;
    struct taint_confs confs;
    struct taint_fact *facts; /* per IR node */
    struct ecg_cursormap var_map;
    struct taint_var *vars;
    size_t vars_cap;
    struct ecg_cursormap field_map;
    struct taint_field *fields;
    size_t fields_cap;
    struct ecg_cursormap callee_map;
    struct taint_callee *callees;
    size_t callees_cap;
    struct ecg_cursormap fn_map; /* canonical FunctionDecl -> function index */
    struct taint_fn *fns;
    size_t n_fns;
    /* witnesses */
    struct taint_step *steps; /* steps[0] unused */
    size_t n_steps;
    size_t steps_cap;
    uint32_t *step_slots; /* memo: (kind, node, aux, prev) -> step */
    size_t n_step_slots;
    /* global taint */
    struct taint_gcell *gcells;
    size_t n_gcells;
    size_t gcells_cap;
    int globals_scanned; /* which scans of every function ran: readers 1, writers 2 */
    /* worklists: function indices */
    uint32_t *summary_queue; /* a stack: callees are pushed after their caller */
    size_t n_summary_queue;
    size_t summary_queue_cap;
    uint32_t *taint_queue;
    size_t n_taint_queue;
    size_t taint_queue_cap;
    /* raw flows, deduplicated by (sink, category, arg) */
    struct taint_raw_flow *raw;
    size_t n_raw;
    size_t raw_cap;
    uint32_t *raw_slots;
    size_t n_raw_slots;
    /* results */
    struct ecg_taint_flow *flows;
    struct ecg_taint_flows view;
    struct ecg_taint_step *shown; /* per witness step: its range and owned text, made once
                                     and shared by the flows through it (text NULL: not yet) */
    size_t n_shown;               /* entries of shown */
    struct taint_fa fa;           /* scratch for the function being analysed */
    int failed;
    /* across units (taint_xunit_engine.c) */
    const struct ecg_xfacts *xseeds; /* borrowed; NULL: none */
    struct taint_xarg *xargs;        /* owned; source data passed to other units' functions */
    size_t n_xargs;
    size_t xargs_cap;
};

/* --- facts (taint_facts.c) ------------------------------------------------------------- */

int ecg_taint_facts_init(struct ecg_taint *t);
void ecg_taint_facts_fini(struct ecg_taint *t);

/* Resolves every node of function fn (once). Returns 0 or ECG_ENOMEM. */
int ecg_taint_facts_function(struct ecg_taint *t, uint32_t fn);

/* Resolves what the names (DeclRefExpr) of function fn refer to (once): enough to know
 * which globals it reads. Returns 0 or ECG_ENOMEM. */
int ecg_taint_facts_refs(struct ecg_taint *t, uint32_t fn);

/* Resolves the calls of every function, marking the functions that call a source. */
int ecg_taint_facts_calls(struct ecg_taint *t);

/* The type class of an expression or declaration node (computed once). */
uint8_t ecg_taint_facts_tclass(struct ecg_taint *t, uint32_t node);

/* The type class of a type. */
uint8_t ecg_taint_facts_type_class(CXType type);

/* The callee of a call node, or NULL for a call through a pointer. */
const struct taint_callee *ecg_taint_facts_callee(const struct ecg_taint *t, uint32_t call);

/* Interns a variable declaration; TNONE when memory ran out. */
uint32_t ecg_taint_facts_var(struct ecg_taint *t, CXCursor decl);

/* The constant value of a global with a constant initializer that the unit never
 * changes (const, or internal linkage and never written or address-taken). */
int ecg_taint_facts_global_const(long long *out, struct ecg_taint *t, uint32_t var);

/* --- points-to (taint_pts.c) ----------------------------------------------------------- */

/* Builds fa's points-to graph and locations from its CFG's elements. */
int ecg_taint_pts_build(struct taint_fa *fa);

/* The loc of var's storage in fa, or TNONE. */
uint32_t ecg_taint_pts_var_loc(struct taint_fa *fa, uint32_t var);

/* The loc a parameter's pointer points to (its buffer), or TNONE. */
uint32_t ecg_taint_pts_param_region(struct taint_fa *fa, uint32_t var);

/* The initializer child of a VarDecl node, or ECG_FIR_NONE. */
uint32_t ecg_taint_pts_init_of(struct ecg_taint *t, uint32_t var_node);

/* The location of field of loc, or TNONE when the function never uses that field. */
uint32_t ecg_taint_pts_field_loc(const struct taint_fa *fa, uint32_t loc, uint32_t field);

/* The function a call through a pointer calls, when one is known; else TNONE. */
uint32_t ecg_taint_pts_indirect_callee(const struct taint_fa *fa, uint32_t call);

/* --- dataflow (taint_flow.c, taint_eval.c, taint_call.c, taint_guard.c) ---------------- */

/* Analyses function fn in mode and publishes what it found into fn's summary (TM_SUMMARY)
 * or results (TM_TAINT); *changed tells whether they grew. Returns 0 or ECG_ENOMEM. */
int ecg_taint_flow_run(int *changed, struct ecg_taint *t, uint32_t fn, enum taint_mode mode);

/* Releases the analysis scratch. */
void ecg_taint_flow_fini(struct taint_fa *fa);

/* Reads location loc in the state (with the unit's taint of a global). */
struct taint_cell ecg_taint_flow_read(struct taint_fa *fa, struct taint_cell *state, uint32_t loc,
                                      uint32_t node);

/* Writes v into loc: replacing the cell when strong and the location is one object, else
 * joining. Writes through to a global's unit cell. */
void ecg_taint_flow_write(struct taint_fa *fa, struct taint_cell *state, uint32_t loc,
                          struct taint_cell v, int strong);

/* Joins b into a; nonzero when a changed. */
int ecg_taint_cell_join(struct taint_cell *a, const struct taint_cell *b, enum taint_mode mode);

/* The value of node with what it points to (and, for char **, what those point to). */
struct taint_cell ecg_taint_eval_deep(struct taint_fa *fa, struct taint_cell *state, uint32_t node);

/* Nonzero when node names a whole object: a variable, or a field of one (v.f, p->f),
 * not an element or an offset into it. A write there may replace what it held. */
int ecg_taint_eval_whole(const struct taint_fa *fa, uint32_t node);

/* Evaluates one element of the CFG in state. */
void ecg_taint_eval_elem(struct taint_fa *fa, struct taint_cell *state,
                         const struct ecg_cfg_elem *e);

/* Evaluates a call element. */
void ecg_taint_call_eval(struct taint_fa *fa, struct taint_cell *state, uint32_t call);

/* The guards that hold on the edge of kind out of a block branching on cond: fills fa->guards. */
void ecg_taint_guard_collect(struct taint_fa *fa, uint32_t cond, enum ecg_cfg_edge_kind kind);

/* Nonzero when the condition (or switch value) cond is a constant, stored in *out. */
int ecg_taint_guard_const(long long *out, struct taint_fa *fa, uint32_t cond);

/* Nonzero when every return of function fn returns the same integer literal (*out). */
int ecg_taint_const_ret(long long *out, struct ecg_taint *t, uint32_t fn);

/* --- witnesses and flows (taint_steps.c) ----------------------------------------------- */

/* A step after prev (memoised); 0 when memory ran out. */
uint32_t ecg_taint_step(struct ecg_taint *t, enum taint_step_kind kind, uint32_t node, uint32_t aux,
                        uint32_t prev);

/* Derives a value through a step: both witnesses get it. Unchanged in the summary mode. */
struct taint_cell ecg_taint_derive(struct taint_fa *fa, struct taint_cell v,
                                   enum taint_step_kind kind, uint32_t node, uint32_t aux);

/* Records a flow of v into a sink. */
void ecg_taint_record(struct taint_fa *fa, const struct taint_cell *v, uint32_t sink, uint32_t arg,
                      enum ecg_taint_category category, enum ecg_op op);

/* Turns the raw flows into the public ones. Returns 0 or ECG_ENOMEM. */
int ecg_taint_steps_finish(struct ecg_taint *t);

void ecg_taint_steps_fini(struct ecg_taint *t);

/* --- across units (taint_xunit_engine.c) ---------------------------------------------- */

/* Source data passed to a function the unit does not define. */
struct taint_xarg {
    const char *callee; /* borrowed from the callee table */
    uint32_t call;      /* node */
    uint32_t arg;
    uint8_t pointee; /* what the argument points to, not its value */
    uint32_t witness;
    uint32_t field; /* pointee: the field (index) holding the data; TNONE: the object */
};

/* Notes data passed to an external function (the first witness per argument and part that
 * may be handed on to other units). */
void ecg_taint_xunit_note_arg(struct ecg_taint *t, const struct taint_xarg *x);

/* The seed of kind what (enum ecg_xfact_what) at name and index; its position in *out.
 * NULL when none. */
const struct ecg_xfact *ecg_taint_xunit_seed(const struct ecg_taint *t, uint8_t what,
                                             const char *name, uint32_t index, uint32_t *out);

/* Applies the seeds before the taint runs: parameters, globals, and queues the functions
 * that call a seeded function. */
void ecg_taint_xunit_apply(struct ecg_taint *t);

/* The steps of witness, oldest first, as shown (a seed's steps in other units first), at
 * most max into out; their number. 0 when memory ran out (*failed set). */
size_t ecg_taint_steps_chain(struct ecg_taint *t, uint32_t witness, struct ecg_taint_step *out,
                             size_t max);

/* The source kind of witness's chain. */
enum ecg_taint_source_kind ecg_taint_steps_kind(const struct ecg_taint *t, uint32_t witness);

/* Marks data of a seeded global (by name) as written at the unit's start. */
void ecg_taint_global_seed(struct ecg_taint *t, const char *name, uint32_t part, uint32_t witness);

/* Resolves every node of every function of the unit (once). Returns 0 or ECG_ENOMEM. */
int ecg_taint_global_resolve_all(struct ecg_taint *t);

/* Appends the globals with external linkage the unit's functions name. Returns 0 or
 * ECG_ENOMEM. */
int ecg_taint_global_names(struct ecg_xnames *out, struct ecg_taint *t);

/* --- the engine (taint.c) -------------------------------------------------------------- */

/* The function fn's summary, asking for it (and noting user as depending on it). */
const struct taint_fn *ecg_taint_need_summary(struct ecg_taint *t, uint32_t fn, uint32_t user,
                                              enum taint_mode user_mode);

/* Passes a caller's data into parameter param of fn; queues fn when that is new. */
void ecg_taint_seed_param(struct ecg_taint *t, uint32_t fn, uint32_t param,
                          const struct taint_cell *v);

/* Passes a caller's data into what a pointer parameter of fn points to (part->field of it,
 * or all of it); queues fn when that is new. */
void ecg_taint_seed_part(struct ecg_taint *t, uint32_t fn, const struct taint_part *part);

/* Joins part into parts (one entry per parameter and field). Returns 1 when it grew, 0 when
 * not, ECG_ENOMEM when memory ran out. */
int ecg_taint_parts_join(struct taint_parts *parts, const struct taint_part *part,
                         enum taint_mode mode);

/* Queues fn for (another) taint analysis. */
void ecg_taint_queue_taint(struct ecg_taint *t, uint32_t fn);

/* Joins source data into a global part; queues the global's readers when new. */
void ecg_taint_global_write(struct ecg_taint *t, uint32_t var, uint32_t part, uint32_t witness);

/* The witness of source data in a global part, or 0. */
uint32_t ecg_taint_global_read(const struct ecg_taint *t, uint32_t var, uint32_t part);

#endif
