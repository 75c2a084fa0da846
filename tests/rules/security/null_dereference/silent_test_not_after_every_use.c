// Tests after a use that did not run on every path (the right side of &&, an arm of ?:), and
// tests written by a macro that tests whatever it is given, are not "tested after use".
#include <stdlib.h>

struct reply {
    int type;
    long integer;
};

#define RELEASE(p)      \
    do {                \
        if ((p) != NULL) \
            free(p);    \
    } while (0)

long reply_count(struct reply *reply, int success)
{
    long count = 0;
    if (success && reply->type == 3)
        count = reply->integer;
    if (reply)
        free(reply);
    return count;
}

long reply_value(struct reply *r, int ok)
{
    long v = ok ? r->integer : 0;
    if (r != NULL)
        free(r);
    return v;
}

int reply_type(struct reply *r)
{
    int t = r->type;
    RELEASE(r);
    return t;
}

struct list_node {
    struct list_node *next;
};

struct job {
    int id;
    struct list_node link;
};

struct list_node *job_link(struct job *job)
{
    struct list_node *node = &job->link;
    if (job == NULL)
        return NULL;
    return node;
}
