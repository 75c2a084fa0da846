/* 6 parameters: not more than the default 6. */
void draw_text(int x, int y, const char *s, int font, int size, unsigned rgb)
{
    (void)x;
    (void)y;
    (void)s;
    (void)font;
    (void)size;
    (void)rgb;
}
