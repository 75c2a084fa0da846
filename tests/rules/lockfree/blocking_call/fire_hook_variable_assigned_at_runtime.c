// A global hook assigned at run time and a table of handlers: every function the unit stores
// in the slot is a possible target.
#include <pthread.h>
#include <stdatomic.h>

#include "../../../../runtime/include/ecg/annotate.h"

typedef void (*event_hook)(int code);

static pthread_mutex_t audit_lock = PTHREAD_MUTEX_INITIALIZER;
static int audit_last;
static atomic_int fast_count;

static void audit_event(int code)
{
    pthread_mutex_lock(&audit_lock);
    audit_last = code;
    pthread_mutex_unlock(&audit_lock);
}

static void count_event(int code)
{
    atomic_fetch_add_explicit(&fast_count, code != 0, memory_order_relaxed);
}

static event_hook on_event = count_event;
static event_hook const handlers[] = { count_event, count_event };

void enable_audit(void)
{
    on_event = audit_event;
}

ECG_NONBLOCKING void raise_event(int code)
{
    handlers[code & 1](code);
    on_event(code); // expect: lockfree-blocking-call {{'audit_event' -> 'pthread_mutex_lock'}}
}
