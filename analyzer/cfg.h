/* The control-flow graph of one function, built from its IR (analyzer/fir.h). A block holds
 * elements, expressions in the order they are evaluated (operands before the operator, so
 * a dataflow computes every value from values already computed), and ends in a branch on
 * its condition, a switch dispatch, or a fall to its one successor. if/else, loops with
 * break and continue, switch with case fallthrough, goto, return, &&, || and ?: are
 * branches; a call to a noreturn function (exit, abort, __assert_fail, functions declared
 * noreturn) ends its path. Statements nested deeper than ECG_CFG_DEPTH_MAX are laid out
 * straight, their control flow ignored, so no input exhausts the stack. */
#ifndef ECG_ANALYZER_CFG_H
#define ECG_ANALYZER_CFG_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer/fir.h"
#include "analyzer/opcode.h"

#define ECG_CFG_DEPTH_MAX 200
#define ECG_CFG_ENTRY 0u /* the entry block: the function's first statements */
#define ECG_CFG_EXIT 1u  /* the exit block: every return and the end of the body lead here */

enum ecg_cfg_elem_kind {
    ECG_CFG_EVAL,   /* evaluate node; its operands were evaluated by earlier elements */
    ECG_CFG_ARM,    /* node, an arm of the ?: aux, was chosen: it is the ?:'s value */
    ECG_CFG_RETURN, /* the ReturnStmt node returns (its value, if any, was evaluated) */
};

struct ecg_cfg_elem {
    uint32_t node;
    uint32_t aux; /* ECG_CFG_ARM: the ConditionalOperator node; else ECG_FIR_NONE */
    enum ecg_cfg_elem_kind kind;
};

enum ecg_cfg_edge_kind {
    ECG_CFG_ALWAYS,
    ECG_CFG_TRUE,    /* the block's condition is nonzero */
    ECG_CFG_FALSE,   /* it is zero */
    ECG_CFG_CASE,    /* the switch value matches the case label */
    ECG_CFG_DEFAULT, /* no case label matches */
};

struct ecg_cfg_edge {
    uint32_t from;
    uint32_t to;
    uint32_t label; /* ECG_CFG_CASE: the CaseStmt node; else ECG_FIR_NONE */
    enum ecg_cfg_edge_kind kind;
};

enum ecg_cfg_terminator {
    ECG_CFG_FALL,   /* at most one ECG_CFG_ALWAYS edge */
    ECG_CFG_BRANCH, /* ECG_CFG_TRUE and ECG_CFG_FALSE edges on the value of cond */
    ECG_CFG_SWITCH, /* ECG_CFG_CASE and ECG_CFG_DEFAULT edges on the value of cond */
};

struct ecg_cfg_block {
    uint32_t first_elem; /* into elems */
    uint32_t n_elems;
    uint32_t first_edge; /* into edges: the block's successors */
    uint32_t n_edges;
    uint32_t cond; /* ECG_CFG_BRANCH, ECG_CFG_SWITCH: the node whose value selects the edge */
    enum ecg_cfg_terminator terminator;
};

/* Answers the builder needs about nodes; a NULL hooks pointer uses libclang directly. The
 * taint engine passes answers it has cached. */
struct ecg_cfg_hooks {
    enum ecg_op (*op)(void *arg, uint32_t node);    /* operator of an operator node */
    int (*noreturn)(void *arg, uint32_t call_node); /* the call never returns */
    void *arg;
};

struct ecg_cfg {
    const struct ecg_fir *fir; /* borrowed */
    uint32_t function;         /* the FunctionDecl node */
    struct ecg_cfg_block *blocks;
    size_t n_blocks;
    size_t blocks_cap;
    struct ecg_cfg_elem *elems;
    size_t n_elems;
    size_t elems_cap;
    struct ecg_cfg_edge *edges; /* sorted by from, in the order they were added */
    size_t n_edges;
    size_t edges_cap;
    int flattened; /* some statements were nested too deep and laid out straight */
};

/* Prepares an empty graph in the caller's storage. */
void ecg_cfg_init(struct ecg_cfg *g);

/* Releases the graph's arrays; it is empty and reusable afterwards (ecg_cfg_build reuses
 * them). */
void ecg_cfg_fini(struct ecg_cfg *g);

/* Builds the graph of the function definition at node function of fir into g, replacing
 * what g held. Returns 0 or ECG_ENOMEM (g is then empty). */
int ecg_cfg_build(struct ecg_cfg *g, const struct ecg_fir *fir, uint32_t function,
                  const struct ecg_cfg_hooks *hooks);

/* Nonzero when the call node's callee is known never to return: a C library function
 * that exits or aborts, or a function whose type says noreturn. */
int ecg_cfg_call_noreturn(const struct ecg_fir *fir, uint32_t call_node);

/* Nonzero when the function declared by decl never returns (as above). */
int ecg_cfg_function_noreturn(CXCursor decl);

/* The roles of a ForStmt's children: out[0] init, out[1] condition, out[2] increment,
 * out[3] body; ECG_FIR_NONE where the header leaves a part out. */
void ecg_cfg_for_parts(uint32_t out[4], const struct ecg_fir *fir, uint32_t for_node,
                       const struct ecg_cfg_hooks *hooks);

#endif
