// ecg-options: {"scale": "normalized", "threshold": 60}
/* 60.3 normalized is not below 60. */
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
