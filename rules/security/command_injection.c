/* security-command-injection: untrusted data (command line, environment, standard input,
 * files, sockets, configured sources) that reaches a shell command: system(), popen(), an
 * exec-family call that runs a shell (`execl("/bin/sh", "sh", "-c", cmd, NULL)`), or an
 * exec of a program whose path is untrusted. The taint engine (analyzer/taint.h) finds
 * the flows; each finding lists them step by step. Known gaps: data that crosses into
 * another translation unit is not followed; exec of a fixed non-shell program with
 * untrusted arguments (argument injection, CWE-88) is not reported; a shell named through
 * a variable rather than a string literal is not recognised. */
#include <string.h>

#include "rules/rule.h"
#include "rules/support/expr.h"

#define CI_REPORTED_MAX 256 /* sinks remembered per unit for one finding each */

struct ci_state {
    CXCursor reported[CI_REPORTED_MAX];
    size_t n_reported;
};

/* What a tainted argument of a command sink means. */
enum ci_verdict {
    CI_NONE,  /* not an injection: a fixed program given an untrusted argument */
    CI_SHELL, /* the data is part of a shell command */
    CI_PATH,  /* the data names the program to execute */
};

static int ci_is_exec(const char *name)
{
    return strncmp(name, "exec", 4) == 0 || strncmp(name, "posix_spawn", 11) == 0;
}

/* The index of the argument naming the program: posix_spawn(pid, path, ...) or exec(path, ...). */
static unsigned ci_path_arg(const char *name)
{
    return strncmp(name, "posix_spawn", 11) == 0 ? 1 : 0;
}

/* Nonzero when the literal names a shell (by its last path component) or is "-c". */
static int ci_literal_is_shell(const struct rule_ctx *rc, const char *text)
{
    const char *base = strrchr(text, '/');

    base = base != NULL ? base + 1 : text;
    if (strcmp(text, "-c") == 0 || strcmp(text, "/c") == 0)
        return 1;
    return base[0] != '\0' && rule_option_list_has(rc, "shells", base);
}

/* The text of a string literal argument, narrow or wide (L"sh"), escapes left as written:
 * enough for program names and options. */
static int ci_literal_text(CXCursor arg, char *buf, size_t size)
{
    CXCursor lit = rule_expr_strip(arg);
    CXString spelling;
    const char *text, *open, *close;
    int ok = 0;

    if (clang_getCursorKind(lit) != CXCursor_StringLiteral)
        return 0;
    spelling = clang_getCursorSpelling(lit);
    text = clang_getCString(spelling);
    open = text != NULL ? strchr(text, '"') : NULL;
    close = open != NULL ? strrchr(open + 1, '"') : NULL;
    if (close != NULL && (size_t)(close - open - 1) < size) {
        memcpy(buf, open + 1, (size_t)(close - open - 1));
        buf[close - open - 1] = '\0';
        ok = 1;
    }
    clang_disposeString(spelling);
    return ok;
}

/* Nonzero when an exec-family call runs a shell: one of its string literal arguments names
 * a shell or is its -c option. */
static int ci_runs_shell(const struct rule_ctx *rc, CXCursor call)
{
    int n = clang_Cursor_getNumArguments(call);
    char text[256];

    for (int i = 0; i < n; i++) {
        if (ci_literal_text(clang_Cursor_getArgument(call, (unsigned)i), text, sizeof(text)) &&
            ci_literal_is_shell(rc, text))
            return 1;
    }
    return 0;
}

static enum ci_verdict ci_judge(const struct rule_ctx *rc, const struct ecg_taint_flow *flow)
{
    if (flow->category != ECG_TAINT_COMMAND || flow->source == ECG_TAINT_FROM_RANDOM)
        return CI_NONE;
    if (!ci_is_exec(flow->sink_name))
        return CI_SHELL;
    if (flow->arg == ci_path_arg(flow->sink_name))
        return CI_PATH;
    return ci_runs_shell(rc, flow->sink) ? CI_SHELL : CI_NONE;
}

/* Nonzero the first time a sink is seen (one finding per call, whatever flows reach it). */
static int ci_first_report(struct ci_state *st, CXCursor sink)
{
    for (size_t i = 0; i < st->n_reported; i++) {
        if (clang_equalCursors(st->reported[i], sink))
            return 0;
    }
    if (st->n_reported < CI_REPORTED_MAX)
        st->reported[st->n_reported++] = sink;
    return 1;
}

static void ci_report(struct rule_ctx *rc, const struct ecg_taint_flow *flow, enum ci_verdict v)
{
    const char *from = ecg_taint_source_phrase(flow->source);
    struct ecg_finding *f;

    if (v == CI_PATH)
        f = rule_report(rc, flow->sink,
                        "'%s' executes a program whose path comes from %s; run a fixed program "
                        "or check the path against an allow-list",
                        flow->sink_name, from);
    else
        f = rule_report(rc, flow->sink,
                        "'%s' runs a shell command built from %s; validate the data against an "
                        "allow-list, or run the program with an exec function and no shell",
                        flow->sink_name, from);
    rule_add_flow_steps(rc, f, flow);
}

static void ci_on_unit_end(struct rule_ctx *rc)
{
    const struct ecg_taint_flows *flows = rule_taint_flows(rc);
    struct ci_state *st = rule_state(rc);

    for (size_t i = 0; flows != NULL && i < flows->len; i++) {
        const struct ecg_taint_flow *flow = &flows->items[i];
        enum ci_verdict v = ci_judge(rc, flow);

        if (v == CI_NONE || !rule_location_analyzed(rc, clang_getCursorLocation(flow->sink)) ||
            !ci_first_report(st, flow->sink))
            continue;
        ci_report(rc, flow, v);
    }
}

static const struct rule_option ci_options[] = {
    { "shells", RULE_OPT_STRING_LIST,
      "sh,bash,dash,zsh,ksh,mksh,csh,tcsh,ash,busybox,fish,cmd,cmd.exe,powershell,pwsh",
      "program names (last path component) an exec-family call runs a shell with", NULL },
};

const struct rule_desc rule_security_command_injection = {
    .id = "security-command-injection",
    .title = "OS command injection",
    .summary = "Flags untrusted data that reaches a shell command or the path of an executed "
               "program.",
    .description = "Data from the command line, the environment, standard input, files or "
                   "the network that reaches system(), popen(), an exec-family call running "
                   "a shell, or the program path of an exec-family call lets whoever controls "
                   "it run commands of their choice (CWE-78). The finding shows the flow from "
                   "the source to the sink. Check the data against an allow-list, or run a "
                   "fixed program with execv() and pass the data as an argument, with no shell.",
    .tags = "security",
    .precision = "high",
    .security_severity = "9.8",
    .cwe = { 78 },
    .level = ECG_LEVEL_WARNING,
    .needs_flow = ECG_TAINT_MASK(ECG_TAINT_COMMAND),
    .options = ci_options,
    .n_options = sizeof(ci_options) / sizeof(ci_options[0]),
    .state_size = sizeof(struct ci_state),
    .on_unit_end = ci_on_unit_end,
};
