/* 7 parameters: more than the default 6. */
void draw_text(int x, int y, const char *s, int font, int size, unsigned rgb, int align) // expect:6: complexity-parameters {{function 'draw_text' has 7 parameters (threshold 6)}}
{
    (void)x;
    (void)y;
    (void)s;
    (void)font;
    (void)size;
    (void)rgb;
    (void)align;
}
