// ecg-options: {"threshold": 1}
/* if > ?: is 2 levels; the finding is at the ?: operator's '?'. */
int clamp(int on, int v)
{
    if (on)
        return v > 10 ? 10 : v; // expect:23: complexity-nesting {{nest 2 levels deep here (threshold 1)}}
    return v;
}
