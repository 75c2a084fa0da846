/* Two nests of for/if/if/if (10 each) and 5 flat ifs: 25 is not greater than 25. */
int scan(const int *v, int n, int k)
{
    int hits = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] > 0) {
            if (v[i] < k) {
                if (v[i] != 7)
                    hits++;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        if (v[i] < 0) {
            if (v[i] > -k) {
                if (v[i] != -7)
                    hits--;
            }
        }
    }
    if (hits > 100)
        hits = 100;
    if (hits < -100)
        hits = -100;
    if (k == 0)
        hits = 0;
    if (n == 0)
        hits = 0;
    if (hits == 1)
        hits = 2;
    return hits;
}
