/* A volatile local keeps its value across longjmp: nothing to do with threads. */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf recover;

static void parse_one(const char *line)
{
    if (line[0] == '\0')
        longjmp(recover, 1);
}

int parse_all(const char **lines, int n, pthread_mutex_t *lock)
{
    volatile int parsed = 0;
    volatile int i = 0;

    pthread_mutex_lock(lock);
    if (setjmp(recover) != 0)
        i++;
    while (i < n) {
        parse_one(lines[i]);
        parsed++;
        i++;
    }
    pthread_mutex_unlock(lock);
    return parsed;
}
