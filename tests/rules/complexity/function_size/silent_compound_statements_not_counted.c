// ecg-options: {"max_statements": 3}
/* The blocks are not statements of their own: a, b, return = 3, not more than 3. */
int nested(int a)
{
    {
        {
            a++;
        }
        {
            a--;
        }
    }
    return a;
}
