/* 61 physical lines from the name to the closing brace, only 2 statements: the default
 * max_lines of 60 is exceeded. */
int configure(int level) // expect:5: complexity-function-size {{function 'configure' has 61 lines (max 60)}}
{
    int v = level;

    /* step 1: long comments and blank lines count as lines */
    /* step 2: long comments and blank lines count as lines */

    /* step 4: long comments and blank lines count as lines */
    /* step 5: long comments and blank lines count as lines */

    /* step 7: long comments and blank lines count as lines */
    /* step 8: long comments and blank lines count as lines */

    /* step 10: long comments and blank lines count as lines */
    /* step 11: long comments and blank lines count as lines */

    /* step 13: long comments and blank lines count as lines */
    /* step 14: long comments and blank lines count as lines */

    /* step 16: long comments and blank lines count as lines */
    /* step 17: long comments and blank lines count as lines */

    /* step 19: long comments and blank lines count as lines */
    /* step 20: long comments and blank lines count as lines */

    /* step 22: long comments and blank lines count as lines */
    /* step 23: long comments and blank lines count as lines */

    /* step 25: long comments and blank lines count as lines */
    /* step 26: long comments and blank lines count as lines */

    /* step 28: long comments and blank lines count as lines */
    /* step 29: long comments and blank lines count as lines */

    /* step 31: long comments and blank lines count as lines */
    /* step 32: long comments and blank lines count as lines */

    /* step 34: long comments and blank lines count as lines */
    /* step 35: long comments and blank lines count as lines */

    /* step 37: long comments and blank lines count as lines */
    /* step 38: long comments and blank lines count as lines */

    /* step 40: long comments and blank lines count as lines */
    /* step 41: long comments and blank lines count as lines */

    /* step 43: long comments and blank lines count as lines */
    /* step 44: long comments and blank lines count as lines */

    /* step 46: long comments and blank lines count as lines */
    /* step 47: long comments and blank lines count as lines */

    /* step 49: long comments and blank lines count as lines */
    /* step 50: long comments and blank lines count as lines */

    /* step 52: long comments and blank lines count as lines */
    /* step 53: long comments and blank lines count as lines */

    /* step 55: long comments and blank lines count as lines */
    return v;
}
