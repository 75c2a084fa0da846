#include <stdlib.h>

/* rand() stays within [0, RAND_MAX]: a remainder, an offset of one or a countdown from it
 * cannot leave an int. */
int pick_slot(int n)
{
    int slot = rand() % n;

    return slot + 1;
}

void shuffle(int *items, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = rand() % (i + 1);
        int t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

int skip_some(const int *items, int n)
{
    int steps = rand() % 16;
    int i = 0;

    while (i < n && steps--)
        i++;
    return items[i < n ? i : 0];
}
