/* Declarations without a body are not measured; only definitions are. */
void blit(int x, int y, int w, int h, int sx, int sy, int flags, void *dst);
int (*hook)(int a, int b, int c, int d, int e, int f, int g);
