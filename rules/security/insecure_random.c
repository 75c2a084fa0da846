/* security-insecure-random: rand(), random(), the drand48 family and rand_r feeding values
 * that must be unpredictable: the result, or a value computed from it in the same
 * expression, stored into, passed as, formatted into or returned as something whose name
 * says it is a key, token, nonce, salt, IV, session id or password.
 * Known gaps: a value stored first in an innocently named variable and copied later is not
 * followed; the judgement rests on names. */
#include <stdio.h>
#include <string.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/exprkey.h"
#include "rules/support/names.h"
#include "rules/support/operator.h"

#define IR_MAX_UP 16 /* ancestors followed from the call: casts, arithmetic, one sink */

#define IR_DEFAULT_SOURCES "rand,random,rand_r,drand48,erand48,lrand48,nrand48,mrand48,jrand48"

#define IR_DEFAULT_NAMES                                                                           \
    "token,nonce,salt,iv,ivec,password,passwd,passphrase,pwd,secret,session,"                      \
    "session_id,sessionid,csrf,xsrf,otp,challenge,cookie,private_key,privkey,secret_key,"          \
    "session_key,api_key,auth_key,crypto_key,encryption_key,enc_key,aes_key,hmac_key,master_key,"  \
    "key_material,keystream"

#define IR_DEFAULT_DESCRIPTIVE                                                                     \
    "len,length,size,count,num,idx,index,pos,offset,max,min,type,kind,timeout,delay,interval,"     \
    "ttl,bucket,slot,shard,retry,retries,backoff,jitter,stats,hash"

/* Per translation unit: where the generator was seeded, for the finding's related note. */
struct ir_state {
    int seeded;
    CXSourceRange seed_range;
};

static int is_source(const struct rule_ctx *rc, const char *name)
{
    return name[0] != '\0' && rule_option_list_has(rc, "sources", name);
}

/* A declaration (variable, field, parameter, function) whose name marks the value. */
static int decl_is_sensitive(const struct rule_ctx *rc, CXCursor decl, char *name, size_t size)
{
    if (clang_Cursor_isNull(decl))
        return 0;
    rule_cursor_name(decl, name, size);
    return rule_names_say_secret(rc, name, rule_names_byte_buffer(clang_getCursorType(decl)));
}

static void report(struct rule_ctx *rc, CXCursor call, const char *source, const char *how,
                   const char *name)
{
    const struct ir_state *st = rule_state(rc);
    struct ecg_finding *f;

    f = rule_report(rc, call,
                    "'%s' is a predictable generator, and its result %s '%s'; use getrandom(), "
                    "arc4random_buf() or RAND_bytes() for values that must not be guessed "
                    "(CWE-338)",
                    source, how, name);
    if (st->seeded)
        rule_add_related(rc, f, st->seed_range, "the generator is seeded here");
}

/* 'lhs = value' or 'lhs op= value' with the value below on the right. */
static int check_store(struct rule_ctx *rc, CXCursor call, const char *source, CXCursor op,
                       CXCursor below)
{
    CXCursor kids[2];
    char name[128];

    if (ecg_cursor_children(kids, 2, op) != 2 || !ecg_cursor_same_node(kids[1], below))
        return 0;
    if (!decl_is_sensitive(rc, clang_getCursorReferenced(rule_exprkey_named(kids[0])), name,
                           sizeof(name)))
        return 0;
    report(rc, call, source, "is stored in", name);
    return 1;
}

/* sprintf(token, "%x", rand()): the formatted text goes to the destination. */
static int check_format(struct rule_ctx *rc, CXCursor call, const char *source, CXCursor fmt_call,
                        const char *callee)
{
    char name[128];
    CXCursor dst;

    if (strcmp(callee, "sprintf") != 0 && strcmp(callee, "snprintf") != 0)
        return 0;
    dst = clang_getCursorReferenced(rule_exprkey_named(clang_Cursor_getArgument(fmt_call, 0)));
    if (!decl_is_sensitive(rc, dst, name, sizeof(name)))
        return 0;
    report(rc, call, source, "is formatted into", name);
    return 1;
}

/* f(..., value, ...): the name of the parameter the value fills. The callee's own name says
 * what it does, not what each argument is, so it is not read. */
static int check_argument(struct rule_ctx *rc, CXCursor call, const char *source, CXCursor outer,
                          CXCursor below)
{
    CXCursor callee = clang_getCursorReferenced(outer);
    char callee_name[128], name[128];
    unsigned i;

    if (!ecg_cursor_arg_index(&i, outer, below) ||
        clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return 0;
    rule_cursor_name(callee, callee_name, sizeof(callee_name));
    if (check_format(rc, call, source, outer, callee_name))
        return 1;
    if ((int)i >= clang_Cursor_getNumArguments(callee) ||
        !decl_is_sensitive(rc, clang_Cursor_getArgument(callee, i), name, sizeof(name)))
        return 0;
    report(rc, call, source, "is passed as the parameter", name);
    return 1;
}

static int check_return(struct rule_ctx *rc, CXCursor call, const char *source)
{
    char name[128];

    rule_cursor_name(rule_function(rc), name, sizeof(name));
    if (!rule_names_say_secret(rc, name, 0))
        return 0;
    report(rc, call, source, "is returned by", name);
    return 1;
}

/* Operators whose result is still made from the value: arithmetic and bit operations. */
static int derives_value(const char *op)
{
    static const char *const ops[] = { "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>" };

    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        if (strcmp(op, ops[i]) == 0)
            return 1;
    }
    return 0;
}

enum ir_step {
    IR_STOP,     /* the value goes nowhere sensitive */
    IR_CONTINUE, /* the ancestor still carries the value */
    IR_DONE,     /* a sink was judged */
};

static enum ir_step step_binary(struct rule_ctx *rc, CXCursor call, const char *source, CXCursor op,
                                CXCursor below)
{
    char spelled[8];

    if (!rule_operator_spelling(spelled, sizeof(spelled), rule_unit(rc), op))
        return IR_STOP;
    if (strcmp(spelled, "=") == 0)
        return check_store(rc, call, source, op, below) ? IR_DONE : IR_STOP;
    return derives_value(spelled) ? IR_CONTINUE : IR_STOP;
}

/* table[rand() % n] carries the value; rand() as the array or '?:' condition does not. */
static enum ir_step step_selected(CXCursor a, CXCursor below)
{
    CXCursor kids[2];

    if (ecg_cursor_children(kids, 2, a) < 2)
        return IR_STOP;
    if (clang_getCursorKind(a) == CXCursor_ArraySubscriptExpr)
        return ecg_cursor_same_node(kids[1], below) ? IR_CONTINUE : IR_STOP;
    return ecg_cursor_same_node(kids[0], below) ? IR_STOP : IR_CONTINUE;
}

/* Where the value comes to rest: judged there; 1 when it reported. */
static int sink(struct rule_ctx *rc, CXCursor call, const char *source, CXCursor a, CXCursor below)
{
    char name[128];

    switch (clang_getCursorKind(a)) {
    case CXCursor_CompoundAssignOperator:
        return check_store(rc, call, source, a, below);
    case CXCursor_VarDecl:
        if (!decl_is_sensitive(rc, a, name, sizeof(name)))
            return 0;
        report(rc, call, source, "initializes", name);
        return 1;
    case CXCursor_CallExpr:
        return check_argument(rc, call, source, a, below);
    case CXCursor_ReturnStmt:
        return check_return(rc, call, source);
    default:
        return 0;
    }
}

/* Casts and parentheses pass the value on unchanged. */
static int is_wrapper(enum CXCursorKind kind)
{
    return kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr ||
           kind == CXCursor_CStyleCastExpr;
}

static enum ir_step step(struct rule_ctx *rc, CXCursor call, const char *source, CXCursor a,
                         CXCursor below)
{
    if (is_wrapper(clang_getCursorKind(a)))
        return IR_CONTINUE;
    switch (clang_getCursorKind(a)) {
    case CXCursor_UnaryOperator:
        return rule_operator_is(rule_unit(rc), a, "!") ? IR_STOP : IR_CONTINUE;
    case CXCursor_BinaryOperator:
        return step_binary(rc, call, source, a, below);
    case CXCursor_ArraySubscriptExpr:
    case CXCursor_ConditionalOperator:
        return step_selected(a, below);
    default:
        return sink(rc, call, source, a, below) ? IR_DONE : IR_STOP;
    }
}

static void remember_seed(struct rule_ctx *rc, CXCursor call, const char *name)
{
    struct ir_state *st = rule_state(rc);

    if (st->seeded || (strcmp(name, "srand") != 0 && strcmp(name, "srandom") != 0 &&
                       strcmp(name, "srand48") != 0))
        return;
    st->seeded = 1;
    st->seed_range = clang_getCursorExtent(call);
}

static void ir_on_call(struct rule_ctx *rc, CXCursor call)
{
    char source[64];
    CXCursor below = call;

    rule_callee_name(call, source, sizeof(source));
    remember_seed(rc, call, source);
    if (!is_source(rc, source))
        return;
    for (size_t up = 0; up < IR_MAX_UP; up++) {
        CXCursor a = rule_ancestor(rc, up);
        enum ir_step next = clang_Cursor_isNull(a) ? IR_STOP : step(rc, call, source, a, below);
        if (next == IR_DONE)
            return;
        if (next == IR_STOP)
            break;
        below = a;
    }
    if (rule_option_bool(rc, "report_every_call"))
        rule_report(rc, call,
                    "'%s' is a predictable generator; where its result must not be guessed, use "
                    "getrandom(), arc4random_buf() or RAND_bytes() (CWE-338)",
                    source);
}

static const struct rule_option ir_options[] = {
    { "sources", RULE_OPT_STRING_LIST, IR_DEFAULT_SOURCES,
      "the predictable generators whose results are followed", NULL },
    { "names", RULE_OPT_STRING_LIST, IR_DEFAULT_NAMES,
      "words that mark a variable, field, parameter or function as holding a value that must "
      "not be guessed; an item with '_' matches those words in a row",
      NULL },
    { "byte_buffer_names", RULE_OPT_STRING_LIST, "key",
      "words that count only for arrays of or pointers to unsigned char (key material); an int "
      "or a char array named key is a hash-table key",
      NULL },
    { "report_every_call", RULE_OPT_BOOL, "false",
      "also report the calls whose result goes nowhere that looks secret (for code where every "
      "random value must be unpredictable)",
      NULL },
    { "descriptive_words", RULE_OPT_STRING_LIST, IR_DEFAULT_DESCRIPTIVE,
      "words that, after a sensitive word, show the value is not the secret itself "
      "(token_count, session_timeout)",
      NULL },
};

const struct rule_desc rule_security_insecure_random = {
    .id = "security-insecure-random",
    .title = "Predictable random numbers for secrets",
    .summary = "Flags rand(), random() and drand48() results used as keys, tokens, nonces, "
               "salts or session ids.",
    .description = "rand(), random() and the drand48 family are statistical generators: their "
                   "state is small and their output reveals it, so anyone who sees a few values "
                   "(or knows the time they were seeded) predicts the rest (CWE-338). ecg reports "
                   "their results stored into, passed as, formatted into or returned as a key, "
                   "token, nonce, salt, IV, session id or password. Use getrandom(), "
                   "arc4random_buf() or RAND_bytes().",
    .tags = "security",
    .precision = "high",
    .security_severity = "7.5",
    .cwe = { 338 },
    .level = ECG_LEVEL_WARNING,
    .options = ir_options,
    .n_options = sizeof(ir_options) / sizeof(ir_options[0]),
    .state_size = sizeof(struct ir_state),
    .kinds = { CXCursor_CallExpr },
    .on_cursor = ir_on_call,
};
