/* The findings of the null-state rules, worded once: a pointer NULL on every path, NULL on a
 * path that no condition can rule out, the untested result of a call that may return NULL,
 * a NULL test after a dereference, a state received from another unit, and results of calls
 * that report failure only through them discarded as a statement. */
#ifndef ECG_RULES_SUPPORT_NULLFLOW_REPORT_H
#define ECG_RULES_SUPPORT_NULLFLOW_REPORT_H

#include <clang-c/Index.h>
#include <stddef.h>

#include "analyzer/taint_xunit.h"

struct rule_ctx;
struct rule_unchecked_callee;

/* decl, NULL on every path, is used at ref as what says; set_at is where it was set to
 * NULL, or a null cursor when a test found it NULL. */
void rule_nullflow_report_null(struct rule_ctx *rc, CXCursor ref, CXCursor decl, CXCursor set_at,
                               const char *what);

/* decl, set to NULL at set_at on a path that no condition reading a variable can rule out,
 * is used at ref as what says. */
void rule_nullflow_report_some_path(struct rule_ctx *rc, CXCursor ref, CXCursor decl,
                                    CXCursor set_at, const char *what);

/* decl holds the untested result of call, a function documented to return NULL (when says
 * when), and is used at ref as what says. */
void rule_nullflow_report_maybe(struct rule_ctx *rc, CXCursor ref, CXCursor decl, CXCursor call,
                                const char *what);

/* The result of call, a function callee documented to return NULL (when says when), is used
 * as it comes out, as what says, without a test. */
void rule_nullflow_report_maybe_result(struct rule_ctx *rc, CXCursor call, const char *callee,
                                       const char *when, const char *what);

/* decl, dereferenced at deref on every path, is tested against NULL at test. */
void rule_nullflow_report_late_test(struct rule_ctx *rc, CXCursor test, CXCursor decl,
                                    CXCursor deref);

/* decl holds the state seed (ECG_XV_NULL or ECG_XV_UNCHECKED) another unit gave and is used
 * at ref as what says; the seed's steps become the finding's flow. */
void rule_nullflow_report_seed(struct rule_ctx *rc, CXCursor ref, CXCursor decl,
                               const struct ecg_xfact *seed, const char *what);

/* decl holds the result of call, an allocation that returns NULL when it fails, not tested
 * yet (fresh) or found NULL by a test, and is used at ref as what says. */
void rule_nullflow_report_unchecked(struct rule_ctx *rc, CXCursor ref, CXCursor decl, CXCursor call,
                                    int fresh, const char *what);

/* Macros whose body both allocates and uses the result unchecked: one finding per macro and
 * unit, however often it expands. Zeroed storage is empty. */
struct rule_nullflow_spot {
    char macro[64];
};
struct rule_nullflow_spots {
    struct rule_nullflow_spot *items; /* owned */
    size_t n;
    size_t cap;
};

/* Releases what spots owns. */
void rule_nullflow_spots_fini(struct rule_nullflow_spots *spots);

/* Nonzero when the allocation call and its use at ref both come from the body of one
 * expansion of a macro reported already in this unit: a debug macro that opens a log file
 * unchecked is one defect, not one per expansion. The macro is recorded on the first call;
 * when memory runs out every finding is kept. */
int rule_nullflow_macro_reported(struct rule_nullflow_spots *spots, struct rule_ctx *rc,
                                 CXCursor call, CXCursor ref);

/* Entering call: reports it when its result is the only report of failure (fgets, setuid
 * ...; more in the rule's must_check option) and the call is a statement of its own. */
void rule_nullflow_check_discarded(struct rule_ctx *rc, CXCursor call);

/* Reports each discarded call of c, a function whose result the unit checks elsewhere (see
 * unchecked_stats.h), with the counts and the checked calls as related locations; why says
 * what goes wrong when its result is ignored (NULL: a generic sentence). */
void rule_nullflow_report_deviant(struct rule_ctx *rc, const struct rule_unchecked_callee *c,
                                  const char *why);

#endif
