// The branches that assign NULL and the ones that use the pointer are separate statements
// under constant conditions, a loop that runs once, or a switch on a constant: on every path
// that gave the pointer a value, the value is NULL.
#include <stddef.h>

void print_long(long value);

void set_then_use_under_if(void)
{
    long *data;
    if (1) {
        data = NULL;
    }
    if (1) {
        print_long(*data); // expect: security-null-dereference {{'data' is NULL here}}
    }
}

void set_in_loop_that_breaks(void)
{
    long *data;
    while (1) {
        data = NULL;
        break;
    }
    while (1) {
        print_long(data[0]); // expect: security-null-dereference {{indexed}}
        break;
    }
}

void set_in_switch(int mode)
{
    long *data;
    switch (6) {
    case 6:
        data = NULL;
        break;
    default:
        return;
    }
    (void)mode;
    print_long(*data); // expect: security-null-dereference {{'data'}}
}
