/* for > if > while > if: 4 levels, not deeper than the default 4. */
struct item {
    int ready;
    int size;
};

int drain(struct item *items, int n, int open)
{
    int popped = 0;
    for (int i = 0; i < n; i++) {
        if (open) {
            while (items[i].size > 0) {
                if (items[i].ready)
                    popped++;
                items[i].size--;
            }
        }
    }
    return popped;
}
