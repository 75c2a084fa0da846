/* The CFG builder's state, shared by its statement part (analyzer/cfg.c) and its
 * expression part (analyzer/cfg_expr.c). Private to those files. */
#ifndef ECG_ANALYZER_CFG_INT_H
#define ECG_ANALYZER_CFG_INT_H

#include "analyzer/cfg.h"

/* A post-order walk in progress over an expression: the node and its next child to visit. */
struct ecg_cfg_frame {
    uint32_t node;
    uint32_t next;
};

/* A goto waiting for its label: the block it leaves, and the label's name (NULL for a
 * computed goto, which may reach every label). Labels are matched by name: a name is
 * unique within a function, while libclang's cursor for a goto's target is not equal to
 * the label statement's own cursor. */
struct ecg_cfg_goto {
    uint32_t from;
    char *label; /* owned */
};

/* A label and the block it opens. */
struct ecg_cfg_label {
    char *name; /* owned */
    uint32_t block;
};

struct ecg_cfg_builder {
    struct ecg_cfg *g;
    const struct ecg_fir *fir;
    const struct ecg_cfg_hooks *hooks;
    uint32_t cur;  /* the block being filled; ECG_FIR_NONE at a point nothing reaches */
    uint32_t brk;  /* where break goes; ECG_FIR_NONE outside loops and switches */
    uint32_t cont; /* where continue goes */
    uint32_t sw;   /* the enclosing switch's dispatch block, or ECG_FIR_NONE */
    int sw_default;
    unsigned depth;
    struct ecg_cfg_frame *frames; /* owned; the post-order stack, shared by nested walks */
    size_t n_frames;
    size_t frames_cap;
    struct ecg_cfg_label *labels; /* owned; sorted by name before gotos are resolved */
    size_t n_labels;
    size_t labels_cap;
    struct ecg_cfg_goto *gotos; /* owned */
    size_t n_gotos;
    size_t gotos_cap;
    int failed;
};

/* A new block; ECG_FIR_NONE when memory ran out (failed is set). */
uint32_t ecg_cfg_new_block(struct ecg_cfg_builder *b);

/* Adds an edge; nothing when from is ECG_FIR_NONE. */
void ecg_cfg_add_edge(struct ecg_cfg_builder *b, uint32_t from, uint32_t to,
                      enum ecg_cfg_edge_kind kind, uint32_t label);

/* Ends the current block with a fall to block to (when the current point is reached). */
void ecg_cfg_goto_block(struct ecg_cfg_builder *b, uint32_t to);

/* Makes the fresh block the current one. */
void ecg_cfg_set_cur(struct ecg_cfg_builder *b, uint32_t block);

/* Appends an element to the current block (a fresh unreachable block when there is none). */
void ecg_cfg_emit(struct ecg_cfg_builder *b, uint32_t node, enum ecg_cfg_elem_kind kind,
                  uint32_t aux);

/* The operator of an operator node. */
enum ecg_op ecg_cfg_op(const struct ecg_cfg_builder *b, uint32_t node);

/* Emits the elements of an expression in evaluation order. */
void ecg_cfg_expr_build(struct ecg_cfg_builder *b, uint32_t node);

/* Emits a condition and ends the current block with edges to t (nonzero) and f (zero). */
void ecg_cfg_expr_cond(struct ecg_cfg_builder *b, uint32_t node, uint32_t t, uint32_t f);

/* Emits every expression, declaration and return of a subtree in post-order, ignoring its
 * control flow: the layout of statements nested too deep. */
void ecg_cfg_expr_flat(struct ecg_cfg_builder *b, uint32_t node);

/* Builds a statement. */
void ecg_cfg_build_stmt(struct ecg_cfg_builder *b, uint32_t node);

#endif
