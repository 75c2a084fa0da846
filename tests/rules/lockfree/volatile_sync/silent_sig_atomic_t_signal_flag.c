/* A signal handler's flag: 'volatile sig_atomic_t' is exactly what C asks for here. */
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t got_sigterm;

static void on_sigterm(int sig)
{
    (void)sig;
    got_sigterm = 1;
}

int serve(pthread_t *reaper, void *(*reap)(void *))
{
    signal(SIGTERM, on_sigterm);
    if (pthread_create(reaper, NULL, reap, NULL) != 0)
        return -1;
    while (!got_sigterm)
        pause();
    return 0;
}
