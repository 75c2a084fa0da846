/* Compiler command lines: POSIX-shell word splitting, compiler-name recognition, and the
 * normalisation of a recorded compile command into libclang flags. Invariant: whatever is
 * kept stays in its original order, and an option is kept or dropped together with the
 * separate value it takes. */
#include "analyzer/args.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/path.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- word splitting ------------------------------------------------------------------ */

enum split_mode { SPLIT_PLAIN, SPLIT_SINGLE, SPLIT_DOUBLE };

struct split_state {
    enum split_mode mode;
    int in_word;        /* a word has started (so '' yields an empty word) */
    size_t quote_start; /* byte offset of the open quote, for diagnostics */
    char *word;         /* owned; holds at most strlen(command) bytes + NUL */
    size_t word_len;
    struct ecg_strvec words;
};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int split_finish_word(struct split_state *st)
{
    if (!st->in_word)
        return 0;
    st->word[st->word_len] = '\0';
    st->word_len = 0;
    st->in_word = 0;
    return ecg_strvec_push(&st->words, st->word);
}

static void split_append(struct split_state *st, char c)
{
    st->word[st->word_len] = c;
    st->word_len++;
    st->in_word = 1;
}

/* Outside quotes, a backslash quotes the next character; a backslash-newline pair
 * disappears, and a backslash ending the command stands for itself. */
static size_t split_backslash(struct split_state *st, const char *s, size_t i)
{
    if (s[i + 1] == '\n')
        return 2;
    if (s[i + 1] == '\0') {
        split_append(st, '\\');
        return 1;
    }
    split_append(st, s[i + 1]);
    return 2;
}

/* Outside quotes: blanks end words and quotes open a quoted run. Returns bytes consumed. */
static size_t split_plain(struct split_state *st, const char *s, size_t i, int *rc)
{
    char c = s[i];

    if (is_blank(c)) {
        *rc = split_finish_word(st);
        return 1;
    }
    if (c == '\\')
        return split_backslash(st, s, i);
    if (c == '\'' || c == '"') {
        st->mode = c == '\'' ? SPLIT_SINGLE : SPLIT_DOUBLE;
        st->quote_start = i;
        st->in_word = 1;
        return 1;
    }
    split_append(st, c);
    return 1;
}

/* Inside double quotes a backslash escapes only $ ` " \ and newline. */
static size_t split_double(struct split_state *st, const char *s, size_t i)
{
    char c = s[i];

    if (c == '"') {
        st->mode = SPLIT_PLAIN;
        return 1;
    }
    if (c == '\\' && s[i + 1] == '\n')
        return 2;
    if (c == '\\' && s[i + 1] != '\0' && strchr("$`\"\\", s[i + 1]) != NULL) {
        split_append(st, s[i + 1]);
        return 2;
    }
    split_append(st, c);
    return 1;
}

static size_t split_single(struct split_state *st, const char *s, size_t i)
{
    if (s[i] == '\'')
        st->mode = SPLIT_PLAIN;
    else
        split_append(st, s[i]);
    return 1;
}

static int split_run(struct split_state *st, const char *command)
{
    size_t i = 0;
    int rc = 0;

    while (command[i] != '\0' && rc == 0) {
        switch (st->mode) {
        case SPLIT_PLAIN:
            i += split_plain(st, command, i, &rc);
            break;
        case SPLIT_SINGLE:
            i += split_single(st, command, i);
            break;
        case SPLIT_DOUBLE:
            i += split_double(st, command, i);
            break;
        }
    }
    return rc;
}

/* Appends every item of src to dst without copying the strings; src is left empty. On
 * failure dst is unchanged and src still owns its items. */
static int strvec_move_append(struct ecg_strvec *dst, struct ecg_strvec *src)
{
    size_t need = dst->len + src->len + 1;
    char **grown;

    if (src->len == 0)
        return 0;
    if (need > dst->cap) {
        grown = realloc(dst->items, need * sizeof(*grown));
        if (grown == NULL)
            return ECG_ENOMEM;
        dst->items = grown;
        dst->cap = need;
    }
    memcpy(dst->items + dst->len, src->items, src->len * sizeof(*grown));
    dst->len += src->len;
    dst->items[dst->len] = NULL;
    free(src->items);
    ecg_strvec_init(src);
    return 0;
}

int ecg_args_split(struct ecg_strvec *out, const char *command, const char *origin,
                   struct ecg_diag *diag)
{
    struct split_state st = { .mode = SPLIT_PLAIN };
    unsigned line, col;
    int rc;

    ecg_strvec_init(&st.words);
    st.word = malloc(strlen(command) + 1);
    if (st.word == NULL)
        return ECG_ENOMEM;
    rc = split_run(&st, command);
    if (rc == 0 && st.mode != SPLIT_PLAIN) {
        ecg_fileio_position(&line, &col, command, st.quote_start);
        ecg_diag_set(diag, origin, line, col, "unterminated %s quote",
                     st.mode == SPLIT_SINGLE ? "single" : "double");
        rc = ECG_EPARSE;
    }
    if (rc == 0)
        rc = split_finish_word(&st);
    if (rc == 0)
        rc = strvec_move_append(out, &st.words);
    ecg_strvec_fini(&st.words);
    free(st.word);
    return rc;
}

/* ---- compiler names -------------------------------------------------------------------- */

/* clang-format off */
static const char *const compiler_names[] = {
    "cc", "c89", "c99", "gcc", "clang", "tcc", "icc", "c++", "g++", "clang++"
};
/* clang-format on */

/* Launchers that run the compiler named by the next word. */
static const char *const wrapper_names[] = { "ccache", "distcc", "sccache", "icecc" };

/* Extensions of files a compile command reads or writes (sources, headers, preprocessed
 * and assembly files, objects and libraries): a non-option word with one is an input. */
/* clang-format off */
static const char *const input_extensions[] = {
    "c", "i", "h", "cc", "cp", "cpp", "cxx", "c++", "CPP", "C", "ii", "hh", "hpp", "hxx", "H", "m",
    "mm", "s", "S", "sx", "asm", "o", "obj", "lo", "a", "so"
};
/* clang-format on */

static int in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return 1;
    }
    return 0;
}

static const char *path_basename(const char *path)
{
    const char *base = path;

    for (const char *p = path; *p != '\0'; p++) {
        if (*p == '/' || *p == '\\')
            base = p + 1;
    }
    return base;
}

static int has_input_extension(const char *word)
{
    const char *base = path_basename(word);
    const char *dot = strrchr(base, '.');

    if (strstr(base, ".so.") != NULL)
        return 1; /* a versioned shared library: libfoo.so.1.2 */
    if (dot == NULL || dot == base)
        return 0;
    return in_list(input_extensions, ARRAY_LEN(input_extensions), dot + 1, strlen(dot + 1));
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of name[0..len) without a trailing "-<digit>[digits and dots]" version. */
static size_t strip_version(const char *name, size_t len)
{
    size_t i = len;

    while (i > 0 && (is_digit(name[i - 1]) || name[i - 1] == '.'))
        i--;
    if (i == len || i == 0 || name[i - 1] != '-' || !is_digit(name[i]))
        return len;
    return i - 1;
}

static int matches_compiler_name(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_LEN(compiler_names); i++) {
        size_t n = strlen(compiler_names[i]);
        if (n == len && memcmp(name, compiler_names[i], n) == 0)
            return 1;
        /* a cross compiler: <triple>-gcc, e.g. arm-none-eabi-gcc */
        if (len > n + 1 && name[len - n - 1] == '-' &&
            memcmp(name + len - n, compiler_names[i], n) == 0)
            return 1;
    }
    return 0;
}

int ecg_args_is_compiler(const char *word)
{
    const char *base;
    size_t len;

    if (word == NULL || word[0] == '\0' || word[0] == '-' || has_input_extension(word))
        return 0;
    base = path_basename(word);
    len = strlen(base);
    if (len > 4 && memcmp(base + len - 4, ".exe", 4) == 0)
        len -= 4;
    len = strip_version(base, len);
    return matches_compiler_name(base, len);
}

static int is_wrapper(const char *word)
{
    const char *base = path_basename(word);
    return in_list(wrapper_names, ARRAY_LEN(wrapper_names), base, strlen(base));
}

/* ---- option tables --------------------------------------------------------------------- */

/* Options whose value is the next word, kept together with it. */
/* clang-format off */
static const char *const keep_value_options[] = {
    "-I", "-isystem", "-idirafter", "-iquote", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
    "-iwithsysroot", "-isysroot", "-imultilib", "-iframework", "-include", "-imacros",
    "-include-pch", "-ivfsoverlay", "-cxx-isystem", "-D", "-U", "-A", "-x", "-Xclang",
    "-Xpreprocessor", "-Xassembler", "-Xanalyzer", "-mllvm", "-target", "--sysroot", "-arch", "-F",
    "-B", "--param"
};
/* clang-format on */

/* Options whose value is the next word, dropped together with it: outputs (objects,
 * dependency files, clang's compilation-database fragments and serialised diagnostics,
 * which clang would write even with -fsyntax-only), gcc's auxiliary-output names (clang
 * would read the value as an input file) and linker options. */
/* clang-format off */
static const char *const drop_value_options[] = {
    "-o", "--output", "-MF", "-MT", "-MQ", "-MJ", "-dependency-file", "--serialize-diagnostics",
    "-aux-info", "-dumpbase", "-dumpdir", "-auxbase", "-L", "-l", "-Xlinker", "-T", "-z", "-u",
    "-e"
};
/* clang-format on */

/* Flags dropped by exact spelling: compile-mode and dependency-output switches, flags that
 * turn warnings into errors (a unit would then 'fail'), and link-only flags. -pthread is
 * kept: it defines _REENTRANT. */
/* clang-format off */
static const char *const dropped_flags[] = {
    "-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MG", "-MP", "-pedantic-errors",
    "--pedantic-errors", "-pipe", "-save-temps", "-shared", "-static", "-rdynamic",
    "-static-libgcc", "-static-libstdc++", "-static-pie", "-pie", "-no-pie", "-nostartfiles",
    "-nodefaultlibs", "-nostdlib"
};
/* clang-format on */

/* Flags dropped by prefix: -Werror, -Werror=x and the old -Werror-implicit-... spelling;
 * joined output names (-MFfile, -MTtarget, ...); joined linker flags. */
/* clang-format off */
static const char *const dropped_prefixes[] = {
    "-Werror", "-MF", "-MT", "-MQ", "-MJ", "--output=", "--serialize-diagnostics=", "-save-temps=",
    "-Wl,", "-L", "-l"
};
/* clang-format on */

/* gcc-only flags that clang 14 (the libclang ecg links) rejects with an error: each was
 * checked with `clang-14 -fsyntax-only FLAG x.c` ("unknown argument", "unsupported option",
 * "invalid value"). Flags clang only warns about (-fno-tree-vrp, -ffat-lto-objects,
 * -Wno-format-truncation, ...) are kept: the warning is harmless once -Werror is gone.
 * -fplugin= is here because a gcc plugin cannot be loaded into clang.
 *
 * gcc_only_flags: both spellings are rejected; an "-fX" entry also matches "-fno-X". */
/* clang-format off */
static const char *const gcc_only_flags[] = {
    "-faggressive-loop-optimizations", "-fallocation-dce", "-fallow-store-data-races",
    "-fauto-inc-dec", "-fbit-tests", "-fbranch-probabilities", "-fcanonical-system-headers",
    "-fchecking", "-fcilkplus", "-fcode-hoisting", "-fcombine-stack-adjustments", "-fcompare-elim",
    "-fconserve-stack", "-fcprop-registers", "-fcrossjumping", "-fcse-follow-jumps",
    "-fcse-skip-blocks", "-fcx-fortran-rules", "-fcx-limited-range", "-fdce", "-fdebug-cpp",
    "-fdelayed-branch", "-fdelete-dead-exceptions", "-fdevirtualize-at-ltrans",
    "-fdiagnostics-generate-patch", "-fdiagnostics-plain-output", "-fdiagnostics-show-caret",
    "-fdiagnostics-show-cwe", "-fdiagnostics-show-labels", "-fdiagnostics-show-line-numbers",
    "-fdiagnostics-show-path-depths", "-fdirectives-only", "-fdse", "-fearly-inlining",
    "-feliminate-dwarf2-dups", "-ffold-simple-inlines", "-fforward-propagate",
    "-ffp-int-builtin-inexact", "-ffunction-cse", "-fgcse-lm", "-fgimple", "-fgnu-tm",
    "-fgnu-unique", "-fguess-branch-probability", "-fhoist-adjacent-loads", "-fif-conversion",
    "-fif-conversion2", "-findirect-inlining", "-finhibit-size-directive", "-finline-atomics",
    "-fisolate-erroneous-paths-attribute", "-fisolate-erroneous-paths-dereference",
    "-fkeep-gc-roots-live", "-fkeep-inline-dllexport", "-fkeep-static-functions",
    "-flarge-source-files", "-fleading-underscore", "-flifetime-dse", "-flimit-function-alignment",
    "-flive-range-shrinkage", "-flra-remat", "-flto-odr-type-merging", "-flto-report",
    "-flto-report-wpa", "-fmem-report", "-fmem-report-wpa", "-fmerge-debug-strings",
    "-fmove-loop-invariants", "-fmove-loop-stores", "-fnothrow-opt", "-fopenacc",
    "-foptimize-strlen", "-fpartial-inlining", "-fpeephole", "-fpeephole2", "-fplan9-extensions",
    "-fpost-ipa-mem-report", "-fpre-ipa-mem-report", "-fpredictive-commoning",
    "-fprintf-return-value", "-fprofile-abs-path", "-fprofile-info-section",
    "-fprofile-partial-training", "-fprofile-reorder-functions", "-fprofile-report", "-free",
    "-freorder-blocks-and-partition", "-freorder-functions", "-frerun-cse-after-loop",
    "-freschedule-modulo-scheduled-loops", "-fsection-anchors", "-fshrink-wrap",
    "-fshrink-wrap-separate", "-fsplit-ivs-in-unroller", "-fsplit-loops", "-fsplit-paths",
    "-fsplit-wide-types", "-fsplit-wide-types-early", "-fssa-backprop", "-fssa-phiopt",
    "-fschedule-fusion", "-fstack-protector-explicit", "-fstdarg-opt", "-fstore-merging",
    "-fstrict-volatile-bitfields", "-fsync-libcalls", "-fthread-jumps", "-ftime-report-details",
    "-ftoplevel-reorder", "-ftrampolines", "-funconstrained-commons",
    "-funroll-completely-grow-size", "-fversion-loops-for-strides", "-fvpt", "-fwrapv-pointer",
    /* x86 tuning and hardening flags of gcc (the Linux kernel, distribution builds) */
    "-m128bit-long-double", "-m96bit-long-double", "-m8bit-idiv", "-mno-8bit-idiv", "-mabm",
    "-mno-abm", "-maccumulate-outgoing-args", "-mno-accumulate-outgoing-args", "-malign-stringops",
    "-mno-align-stringops", "-mavx256-split-unaligned-load", "-mno-avx256-split-unaligned-load",
    "-mavx256-split-unaligned-store", "-mno-avx256-split-unaligned-store", "-mcall-ms2sysv-xlogues",
    "-mcet-switch", "-mcld", "-mforce-drap", "-mforce-indirect-call", "-mfp-ret-in-387",
    "-mno-fancy-math-387", "-mfused-madd", "-mno-fused-madd", "-mhle", "-mno-hle",
    "-mindirect-branch-cs-prefix", "-mindirect-branch-register", "-mno-indirect-branch-register",
    "-minline-stringops-dynamically", "-mmanual-endbr", "-mmitigate-rop", "-mno-fentry",
    "-mnop-mcount", "-mpc32", "-mpc64", "-mpc80", "-mprefer-avx128", "-mpush-args",
    "-mno-push-args", "-mrecord-mcount", "-mrecord-return", "-mrelax-cmpxchg-loop", "-mstv",
    "-mno-stv",
    /* debug-information formats and location views clang does not implement */
    "-gstatement-frontiers", "-gno-statement-frontiers", "-ginline-points", "-gno-inline-points",
    "-gas-loc-support", "-gno-as-loc-support", "-gas-locview-support", "-gno-as-locview-support",
    "-ginternal-reset-location-views", "-gno-internal-reset-location-views", "-gdescribe-dies",
    "-gno-describe-dies", "-gtoggle", "-gno-variable-location-views", "-gvms", "-gbtf"
};
/* clang-format on */

/* One spelling rejected, the other accepted (gcc_only_flags would drop both). */
/* clang-format off */
static const char *const gcc_only_one_sided[] = {
    "-fno-extended-identifiers", "-fworking-directory", "-fno-trapv", "-fno-sched-interblock",
    "-frandom-seed", "-ftrivial-auto-var-init=zero", "-fcf-protection=check",
    "-fsanitize=bounds-strict", "-fdiagnostics-format=text", "-fdiagnostics-format=json",
    "-fdiagnostics-format=json-stderr", "-fdiagnostics-format=json-file",
    "-fdiagnostics-format=sarif", "-fdiagnostics-format=sarif-stderr",
    "-fdiagnostics-format=sarif-file"
};
/* clang-format on */

/* Families of gcc flags matched by prefix ("-fX" entries match "-fno-X" too), including
 * flags with a value: -mindirect-branch=thunk-extern, -fzero-call-used-regs=used-gpr. */
/* clang-format off */
static const char *const gcc_only_prefixes[] = {
    "-ftree-", "-fipa-", "-fsched-", "-fsched2-", "-fsel-sched-", "-fselective-scheduling",
    "-fvar-tracking", "-fdump-", "-fopt-info", "-fanalyzer", "-floop-", "-fira-", "-fgraphite",
    "-fchkp-", "-fcompare-debug", "-fstrict-flex-arrays", "-ftrack-macro-expansion",
    "-femit-struct-debug-", "-fharden", "-fstack-limit", "-fdiagnostics-urls=",
    "-fdiagnostics-path-format=", "-fdiagnostics-column-", "-flto-compression-level=",
    "-flto-partition=", "-fcallgraph-info", "-finstrument-functions-exclude-", "-fstack-reuse=",
    "-fzero-call-used-regs=", "-fzero-init-padding-bits=", "-flive-patching",
    "-fmin-function-alignment=", "-fsso-struct=", "-fprofile-prefix-map=", "-fwide-exec-charset=",
    "-flinker-output=", "-fasan-shadow-offset=", "-fcondition-coverage", "-fplugin=",
    "-mindirect-branch=", "-mfunction-return=", "-mpreferred-stack-boundary=",
    "-mincoming-stack-boundary=", "-mtls-dialect=", "-mstack-protector-guard-symbol=",
    "-gvariable-location-views", "-gstabs", "-gcoff", "-gxcoff", "-gctf"
};
/* clang-format on */

/* Members of the prefix families that clang accepts (gcc-compatible no-ops or real). */
/* clang-format off */
static const char *const gcc_family_accepted[] = {
    "-ftree-dce", "-fno-tree-dce", "-ftree-salias", "-fno-tree-salias", "-ftree-slp-vectorize",
    "-fno-tree-slp-vectorize", "-ftree-ter", "-fno-tree-ter", "-ftree-vectorize",
    "-fno-tree-vectorize", "-ftree-vrp", "-fno-tree-vrp", "-fipa-cp", "-fno-ipa-cp",
    "-fsched-interblock", "-fno-var-tracking", "-fdump-parse-tree", "-fno-dump-parse-tree",
    "-fdump-fortran-original", "-fno-dump-fortran-original", "-fdump-fortran-optimized",
    "-fno-dump-fortran-optimized"
};
/* clang-format on */

/* ---- option classification ------------------------------------------------------------- */

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int string_in(const char *const *list, size_t n, const char *s)
{
    return in_list(list, n, s, strlen(s));
}

/* Compares arg with a table entry, reading "-fno-X" as "-fX" for "-f" entries. */
static int entry_matches(const char *entry, const char *arg, int prefix)
{
    const char *e = entry;
    const char *a = arg;

    if (has_prefix(arg, "-fno-") && has_prefix(entry, "-f")) {
        e = entry + 2;
        a = arg + 5;
    }
    if (prefix)
        return has_prefix(a, e);
    return strcmp(a, e) == 0;
}

static int table_matches(const char *const *list, size_t n, const char *arg, int prefix)
{
    for (size_t i = 0; i < n; i++) {
        if (entry_matches(list[i], arg, prefix))
            return 1;
    }
    return 0;
}

/* -flto=N: gcc's parallel LTO job count; clang accepts only full, thin, auto, jobserver. */
static int is_lto_job_count(const char *arg)
{
    const char *p = arg + strlen("-flto=");

    if (!has_prefix(arg, "-flto=") || *p == '\0')
        return 0;
    return strspn(p, "0123456789") == strlen(p);
}

static int is_gcc_only(const char *arg)
{
    /* Every entry of the tables is an -f, -g or -m option: skip the scans for the rest. */
    if (arg[0] != '-' || (arg[1] != 'f' && arg[1] != 'g' && arg[1] != 'm'))
        return 0;
    if (string_in(gcc_only_one_sided, ARRAY_LEN(gcc_only_one_sided), arg))
        return 1;
    if (string_in(gcc_family_accepted, ARRAY_LEN(gcc_family_accepted), arg))
        return 0;
    if (table_matches(gcc_only_flags, ARRAY_LEN(gcc_only_flags), arg, 0))
        return 1;
    if (table_matches(gcc_only_prefixes, ARRAY_LEN(gcc_only_prefixes), arg, 1))
        return 1;
    return is_lto_job_count(arg);
}

/* -oFILE; clang's -objcmt-* options also start with "-o". */
static int is_joined_output(const char *arg)
{
    return has_prefix(arg, "-o") && arg[2] != '\0' && !has_prefix(arg, "-obj");
}

static int is_dropped_option(const char *arg)
{
    if (string_in(dropped_flags, ARRAY_LEN(dropped_flags), arg))
        return 1;
    for (size_t i = 0; i < ARRAY_LEN(dropped_prefixes); i++) {
        if (has_prefix(arg, dropped_prefixes[i]))
            return 1;
    }
    return is_joined_output(arg) || is_gcc_only(arg);
}

enum value_option { VALUE_NONE, VALUE_KEEP, VALUE_DROP };

static enum value_option find_value_option(const char *arg)
{
    if (string_in(keep_value_options, ARRAY_LEN(keep_value_options), arg))
        return VALUE_KEEP;
    if (string_in(drop_value_options, ARRAY_LEN(drop_value_options), arg))
        return VALUE_DROP;
    return VALUE_NONE;
}

/* ---- -Wp,... lists ----------------------------------------------------------------------- */

/* Number of -Wp list items a preprocessor dependency option occupies at item (0: not one).
 * cc1's -MD and -MMD take the file as the next item, as -MF, -MT and -MQ do. */
static int wp_dependency_items(const char *item, size_t len)
{
    static const char *const with_file[] = { "-MD", "-MMD", "-MF", "-MT", "-MQ" };
    static const char *const alone[] = { "-M", "-MM", "-MG", "-MP" };

    if (in_list(with_file, ARRAY_LEN(with_file), item, len))
        return 2;
    if (in_list(alone, ARRAY_LEN(alone), item, len))
        return 1;
    if (len > 3 && (has_prefix(item, "-MF") || has_prefix(item, "-MT") || has_prefix(item, "-MQ")))
        return 1;
    return 0;
}

/* Rewrites "-Wp,a,b,..." without its dependency-file items into *out (NULL when nothing is
 * left). Returns 0 or ECG_ENOMEM. */
static int wp_filter(char **out, const char *arg)
{
    size_t n = strlen(arg);
    char *kept = malloc(n + 1);
    const char *p = arg + 4;
    size_t len = 4;
    int skip = 0;

    if (kept == NULL)
        return ECG_ENOMEM;
    memcpy(kept, "-Wp,", 4);
    while (p != NULL) {
        const char *comma = strchr(p, ',');
        size_t item_len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (skip == 0)
            skip = wp_dependency_items(p, item_len);
        if (skip == 0) {
            memcpy(kept + len, p, item_len);
            len += item_len;
            kept[len++] = ',';
        } else {
            skip--;
        }
        p = comma != NULL ? comma + 1 : NULL;
    }
    kept[len - 1] = '\0';
    if (len == 4) {
        free(kept);
        kept = NULL;
    }
    *out = kept;
    return 0;
}

/* ---- normalisation ------------------------------------------------------------------------ */

struct norm_ctx {
    const char *source;     /* as the caller gave it; NULL when unknown */
    char *source_abs;       /* owned; source normalised against directory */
    const char *directory;  /* absolute; NULL: the working directory */
    struct ecg_strvec kept; /* the flags so far */
};

/* Sets *out to nonzero when the non-option word is the source file or another input. */
static int is_input_word(int *out, struct norm_ctx *ctx, const char *word)
{
    char *abs;

    if (strcmp(word, "-") == 0 || has_input_extension(word) ||
        (ctx->source != NULL && strcmp(word, ctx->source) == 0)) {
        *out = 1;
        return 0;
    }
    if (ctx->source_abs == NULL) {
        *out = 0;
        return 0;
    }
    abs = ecg_path_absolute(ctx->directory, word);
    if (abs == NULL)
        return ECG_ENOMEM;
    *out = strcmp(abs, ctx->source_abs) == 0;
    free(abs);
    return 0;
}

/* Index of the first argument after the driver: a leading wrapper and the compiler it
 * runs, or a leading compiler. argv[0] of a compile command is always the driver, so a
 * leading word that is neither an option nor an input file is taken as one too (armcl). */
static size_t skip_driver(const char *const *argv, size_t argc)
{
    size_t i = 0;

    while (i < argc && is_wrapper(argv[i]))
        i++;
    if (i < argc && argv[i][0] != '-' && !has_input_extension(argv[i]))
        i++;
    return i;
}

/* Keeps or drops the option at *i together with its value, the next word if any. */
static int keep_with_value(struct norm_ctx *ctx, enum value_option kind, const char *const *argv,
                           size_t argc, size_t *i)
{
    size_t n = *i + 1 < argc ? 2 : 1;
    int rc = 0;

    if (kind == VALUE_KEEP)
        rc = ecg_strvec_push(&ctx->kept, argv[*i]);
    if (kind == VALUE_KEEP && n == 2 && rc == 0)
        rc = ecg_strvec_push(&ctx->kept, argv[*i + 1]);
    *i += n;
    return rc;
}

static int keep_option(struct norm_ctx *ctx, const char *arg)
{
    char *filtered = NULL;
    int rc;

    if (is_dropped_option(arg))
        return 0;
    if (!has_prefix(arg, "-Wp,"))
        return ecg_strvec_push(&ctx->kept, arg);
    rc = wp_filter(&filtered, arg);
    if (rc != 0 || filtered == NULL)
        return rc;
    return ecg_strvec_push_take(&ctx->kept, filtered);
}

static int normalize_one(struct norm_ctx *ctx, const char *const *argv, size_t argc, size_t *i)
{
    const char *arg = argv[*i];
    enum value_option kind = find_value_option(arg);
    int input = 0;
    int rc;

    if (kind != VALUE_NONE)
        return keep_with_value(ctx, kind, argv, argc, i);
    *i += 1;
    if (arg[0] == '-' && arg[1] != '\0')
        return keep_option(ctx, arg);
    rc = is_input_word(&input, ctx, arg);
    if (rc != 0 || input)
        return rc;
    return ecg_strvec_push(&ctx->kept, arg);
}

int ecg_args_normalize(struct ecg_strvec *out, const char *const *argv, size_t argc,
                       const char *source_file, const char *directory)
{
    struct norm_ctx ctx = { .source = source_file, .directory = directory };
    size_t i = skip_driver(argv, argc);
    int rc = 0;

    ecg_strvec_init(&ctx.kept);
    if (source_file != NULL) {
        ctx.source_abs = ecg_path_absolute(directory, source_file);
        if (ctx.source_abs == NULL)
            return ECG_ENOMEM;
    }
    while (i < argc && rc == 0)
        rc = normalize_one(&ctx, argv, argc, &i);
    if (rc == 0)
        rc = strvec_move_append(out, &ctx.kept);
    ecg_strvec_fini(&ctx.kept);
    free(ctx.source_abs);
    return rc;
}
