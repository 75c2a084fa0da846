// NULL set on a branch that no variable decides (a call's result picks it) reaches a use
// that no variable's condition guards: some run takes that path.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct entry {
    int key;
};

static int coin(void)
{
    return rand() % 2;
}

int pick_key(void)
{
    struct entry fallback = { 7 };
    struct entry *e;
    if (coin()) {
        e = NULL;
    } else {
        e = &fallback;
    }
    if (coin()) {
        return e->key; // expect: security-null-dereference {{set to NULL on line 21 on a path}}
    }
    return 0;
}

void print_first(void)
{
    const char *text;
    if (rand() > 100)
        text = NULL;
    else
        text = "none";
    puts(text); // expect: security-null-dereference {{may be NULL here}}
}
