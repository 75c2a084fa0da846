/* for > if > while > if > if: 5 levels, deeper than the default 4; reported at the fifth. */
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
                if (items[i].ready) {
                    if (items[i].size > 1) // expect:21: complexity-nesting {{function 'drain' nest 5 levels deep here (threshold 4)}}
                        popped++;
                    items[i].size--;
                }
            }
        }
    }
    return popped;
}
