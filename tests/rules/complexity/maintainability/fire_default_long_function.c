/* 40 lines of code, volume 1362, cyclomatic complexity 14: the index is 70.5, below the
 * default 80 on the original scale. */
int parse_config(const char *text, int *width, int *height, int *depth) // expect:5: complexity-maintainability {{function 'parse_config' has maintainability index 70.5 (normalized 41.2), below 80 on the original scale: Halstead volume 1362.4, cyclomatic complexity 14, 40 lines of code}}
{
    int values[3] = { 0, 0, 0 };
    int field = 0;
    int seen_digit = 0;
    int line = 1;

    for (const char *p = text; *p != '\0'; p++) {
        char c = *p;
        if (c == '\n') {
            line++;
            continue;
        }
        if (c == '#') {
            while (p[1] != '\0' && p[1] != '\n')
                p++;
            continue;
        }
        if (c >= '0' && c <= '9') {
            if (field > 2)
                return -line;
            values[field] = values[field] * 10 + (c - '0');
            seen_digit = 1;
        } else if (c == ',' || c == ' ') {
            if (seen_digit) {
                field++;
                seen_digit = 0;
            }
        } else {
            return -line;
        }
    }
    if (seen_digit)
        field++;
    if (field != 3)
        return -line;
    *width = values[0];
    *height = values[1];
    *depth = values[2];
    return 0;
}
