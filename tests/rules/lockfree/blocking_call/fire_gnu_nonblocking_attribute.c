// Clang's own function effect, spelled as a GNU attribute: older libclang drops it as unknown,
// ecg reads it from the declaration's tokens.
#include <stdlib.h>

struct slab {
    void *spare;
};

void slab_release(struct slab *s, void *block) __attribute__((nonblocking));

void slab_release(struct slab *s, void *block)
{
    if (s->spare == NULL) {
        s->spare = block;
        return;
    }
    free(block); // expect: lockfree-blocking-call {{frees memory}}
}
