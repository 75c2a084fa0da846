/* What the buffer overflow rule knows about a function's local variables, in walk order:
 * the bytes a pointer or array designates, the length of the string it holds, an integer's
 * value. The last write wins, except that a write in one branch of an if does not reach a
 * use in its other branch, and writes in both branches join (the smaller size, the longer
 * string: what holds on one of the paths). Expressions
 * are evaluated over these facts by looking at a bounded number of their children. */
#ifndef ECG_RULES_SUPPORT_BO_FACTS_H
#define ECG_RULES_SUPPORT_BO_FACTS_H

#include <clang-c/Index.h>
#include <stddef.h>

struct ecg_xfact;
struct rule_ctx;

#define RULE_BO_ARMS 4      /* enclosing if branches remembered per write */
#define RULE_BO_PATH_MAX 64 /* ancestors of a use that are looked at */

/* One branch of an if statement: stmt is the IfStmt, arm its then or else statement. */
struct rule_bo_arm {
    CXCursor stmt;
    CXCursor arm;
};

/* A use: the cursor the walk is at (up[0]) and its ancestors, innermost first, up to the
 * function. */
struct rule_bo_path {
    CXCursor up[RULE_BO_PATH_MAX];
    size_t n;
};

struct rule_bo_var {
    CXCursor decl;    /* the canonical declaration */
    long long bytes;  /* bytes from where the variable points to its object's end; -1 unknown */
    long long slen;   /* length of the string it holds, in elements; -1 unknown */
    long long filled; /* leading elements known to be nonzero (memset); -1 unknown */
    long long value;  /* an integer's value, when has_value */
    int has_value;
    CXCursor origin;    /* the declaration or allocation bytes comes from, for a note */
    CXCursor strlen_of; /* p = malloc(strlen(s)): the declaration of s; else a null cursor */
    CXCursor target;    /* q = &v: the declaration of v; else a null cursor */
    CXCursor entry;     /* the parameter or global whose value on entry it holds, or null */
    CXCursor xread; /* the read at the unit's edge (rules/support/xvalue.h) whose value it holds */
    int assigned;   /* written as a whole (or changed in a way not followed) in this function */
    const struct ecg_xfact *xbytes; /* bytes came from another unit's seed (borrowed), or NULL */
    const struct ecg_xfact *xslen;  /* slen came from another unit's seed (borrowed), or NULL */
    struct rule_bo_arm arms[RULE_BO_ARMS]; /* if branches around the last write, innermost first */
    size_t n_arms;
};

/* The variables of one function; zero-initialise, release with rule_bo_facts_fini. */
struct rule_bo_facts {
    struct rule_bo_var *vars; /* owned */
    size_t len;
    size_t cap;
    int lost; /* memory ran out in this function: nothing is known */
};

/* Forgets every variable (a new function starts); keeps the storage. */
void rule_bo_facts_reset(struct rule_bo_facts *f);

/* Releases the storage; the table is empty and reusable afterwards. */
void rule_bo_facts_fini(struct rule_bo_facts *f);

/* The entry of variable decl (a canonical declaration), created unknown when new, to update
 * what its object holds (slen, filled). NULL when memory ran out (f->lost is then set). */
struct rule_bo_var *rule_bo_facts_get(struct rule_bo_facts *f, CXCursor decl);

/* Records that decl is assigned the value val (every field but decl and the arms) at the use
 * at. When the last write sits in the other branch of an if enclosing at, the two join: the
 * smaller size, the longer string, the value only when equal. */
void rule_bo_facts_assign(struct rule_bo_facts *f, CXCursor decl, const struct rule_bo_path *at,
                          const struct rule_bo_var *val);

/* Makes everything about decl unknown (its address escaped, it was changed in a way not
 * followed). */
void rule_bo_facts_forget(struct rule_bo_facts *f, CXCursor decl);

/* The entry of decl whose last write reaches the use at, or NULL. */
const struct rule_bo_var *rule_bo_facts_read(const struct rule_bo_facts *f, CXCursor decl,
                                             const struct rule_bo_path *at);

/* Fills path with self, the cursor the rule's walk is at, and its ancestors. */
void rule_bo_facts_path(struct rule_bo_path *out, const struct rule_ctx *rc, CXCursor self);

/* Nonzero when a and b are the same statement or expression (same kind and extent), however
 * each was reached: libclang's cursor equality also compares how a cursor was found. */
int rule_bo_facts_same(CXCursor a, CXCursor b);

/* The variable declaration an expression names, through parentheses and casts, as its
 * canonical cursor (a member of a union variable names the union); a null cursor for
 * anything else. */
CXCursor rule_bo_facts_var(CXCursor expr);

/* The integer value of expr, when literals, sizeof, enumerators, known variables, strlen
 * of a known string and + - * / % << of those tell it: 1 and *out, else 0. */
int rule_bo_eval_int(long long *out, const struct rule_bo_facts *f, const struct rule_bo_path *at,
                     CXCursor expr);

/* The bytes from the address expr gives to the end of its object, when known: arrays,
 * struct members of array type, &object, known pointers, p + k, &a[k], allocations of a
 * known size. 1 and *out, else 0. *origin (may be NULL) gets where the size comes from. */
int rule_bo_eval_bytes(long long *out, CXCursor *origin, const struct rule_bo_facts *f,
                       const struct rule_bo_path *at, CXCursor expr);

/* The length in elements of the string expr holds (a literal, a known variable): 1 and *out,
 * else 0. */
int rule_bo_eval_slen(long long *out, const struct rule_bo_facts *f, const struct rule_bo_path *at,
                      CXCursor expr);

/* The size in bytes of what expr (a pointer or an array) points to; 0 when unknown or void. */
long long rule_bo_eval_elem_size(CXCursor expr);

/* The called function's name for an allocation (malloc, calloc, realloc, alloca ...) and its
 * size in bytes when known: 1 and *out, else 0. */
int rule_bo_eval_alloc_size(long long *out, const struct rule_bo_facts *f,
                            const struct rule_bo_path *at, CXCursor call);

#endif
