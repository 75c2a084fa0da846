#include <stdio.h>

static unsigned long requests_served;
static int shutting_down;

void serve_one(void)
{
    __atomic_fetch_add(&requests_served, 1, __ATOMIC_RELAXED);
}

void begin_shutdown(void)
{
    __atomic_store_n(&shutting_down, 1, __ATOMIC_RELEASE);
}

void print_stats(FILE *out)
{
    fprintf(out, "served %lu\n", requests_served); // expect: lockfree-mixed-access {{requests_served}}
}

int accepting(void)
{
    return !shutting_down; // expect: lockfree-mixed-access {{read by a plain access}}
}

void restart(void)
{
    shutting_down = 0; // expect: lockfree-mixed-access {{written}}
}
