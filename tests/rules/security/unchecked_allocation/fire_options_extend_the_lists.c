// ecg-options: {"allocators": ["pool_alloc"], "must_check": ["flush_journal"], "check_output": true}
// A project's own allocator and must-check function, and output calls with check_output.
#include <stdio.h>
#include <string.h>

void *pool_alloc(size_t n);
int flush_journal(void);

void fill(size_t n)
{
    char *p = pool_alloc(n);
    memset(p, 0, n); // expect: security-unchecked-allocation {{'pool_alloc'}}
}

void finish(FILE *out)
{
    flush_journal(); // expect: security-unchecked-allocation {{'flush_journal'}}
    fprintf(out, "done\n"); // expect: security-unchecked-allocation {{output error}}
    fclose(out); // expect: security-unchecked-allocation {{'fclose'}}
}
