// ecg-options: {"threshold": 61}
/* The index is 103.2 (60.3 normalized): the threshold applies to the original scale by default. */
struct point {
    int x;
    int y;
};

int manhattan(const struct point *a, const struct point *b)
{
    int dx = a->x - b->x;
    int dy = a->y - b->y;
    if (dx < 0)
        dx = -dx;
    if (dy < 0)
        dy = -dy;
    return dx + dy;
}
