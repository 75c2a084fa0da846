/* Test support for the code generator's tests: writing generated text into a scratch
 * directory, running a compiler or a built program with its output in a log, and counting
 * occurrences in generated text. */
#ifndef ECG_TESTS_SUPPORT_GEN_BUILD_H
#define ECG_TESTS_SUPPORT_GEN_BUILD_H

#include <stddef.h>

struct gen_text;

/* Writes h and c as <stem>.gen.h and <stem>.gen.c into a fresh scratch directory named after
 * label, whose path goes to dir; releases both texts. Fails the test on any error. */
void testkit_write_generated(char *dir, size_t size, const char *label, const char *stem,
                             struct gen_text *h, struct gen_text *c);

/* Runs argv with its standard output and error in the file log. Returns its exit status, 127
 * when it could not be started, or 128 + the signal that ended it. */
int testkit_run_logged(char *const argv[], const char *log);

/* Prints the file at path (its first 8 KiB) to the test's error output. */
void testkit_print_file(const char *path);

/* How many times what occurs in text (overlapping occurrences count). */
size_t testkit_count(const char *text, const char *what);

#endif
