/* Output writers for terminals and CI logs: clang's diagnostic format and GitHub Actions
 * workflow commands. SARIF lives in sarif/. */
#ifndef ECG_ANALYZER_REPORT_H
#define ECG_ANALYZER_REPORT_H

#include <stdio.h>

struct ecg_result;

struct ecg_report_style {
    int color;           /* ANSI colours as clang uses them */
    int show_suppressed; /* also print suppressed findings (as notes) */
    const char *cwd;     /* paths under it are printed relative to it; NULL: absolute */
};

/* Prints every unsuppressed finding (with a baseline: every new one) as clang does:
 *   path:line:col: warning: message [rule-id]
 *   <source line>
 *   <caret and tildes under the range>
 * then its related locations and flow steps as notes, and a fix as a fix-it line. A
 * finding that fails the gate through warnings_as_errors prints as error with
 * ",-warnings-as-errors" after the rule id, as clang-tidy does. Returns 0 or ECG_EIO. */
int ecg_report_text(FILE *out, const struct ecg_result *result,
                    const struct ecg_report_style *style);

/* Prints one GitHub Actions workflow command per unsuppressed (and, with a baseline, new)
 * finding:
 *   ::warning file=P,line=L,col=C,endLine=L2,endColumn=C2,title=ID::MESSAGE
 * with paths relative to the project root and values escaped as the runner expects.
 * Returns 0 or ECG_EIO. */
int ecg_report_github(FILE *out, const struct ecg_result *result);

/* Prints the closing summary to out (stderr): "N warnings generated.", suppressed counts,
 * units that could not be analysed. */
void ecg_report_summary(FILE *out, const struct ecg_result *result);

#endif
