// ecg-options: {"scale": "normalized", "threshold": 61}
/* The index is 103.2, 60.3 normalized: below 61 only on the normalized scale. */
struct point {
    int x;
    int y;
};

int manhattan(const struct point *a, const struct point *b) // expect: complexity-maintainability {{(normalized 60.3), below 61 on the normalized scale}}
{
    int dx = a->x - b->x;
    int dy = a->y - b->y;
    if (dx < 0)
        dx = -dx;
    if (dy < 0)
        dy = -dy;
    return dx + dy;
}
