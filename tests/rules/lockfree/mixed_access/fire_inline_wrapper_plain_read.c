/* Statistics updated through the project's own inline atomic helpers, then read plainly. */
#include <stdio.h>

struct conn_stats {
    unsigned long bytes_in;
    unsigned long bytes_out;
    unsigned long errors;
};

static struct conn_stats stats;

static inline void stat_add(unsigned long *counter, unsigned long n)
{
    __atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

static inline unsigned long stat_read(const unsigned long *counter)
{
    return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

void on_receive(unsigned long n)
{
    stat_add(&stats.bytes_in, n);
}

void on_send(unsigned long n)
{
    stat_add(&stats.bytes_out, n);
}

void on_error(void)
{
    stat_add(&stats.errors, 1);
}

void print_stats(FILE *out)
{
    fprintf(out, "in %lu\n", stat_read(&stats.bytes_in));
    fprintf(out, "out %lu\n", stats.bytes_out); // expect: lockfree-mixed-access {{'bytes_out' is accessed atomically}}
}

void reset_errors(void)
{
    stats.errors = 0; // expect: lockfree-mixed-access {{written by a plain access}}
}
