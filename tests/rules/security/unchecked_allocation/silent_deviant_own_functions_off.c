// Without infer_own_functions (the default), a project's own error-code functions are not
// inferred, however consistently the file checks them.
struct conn;

int conn_send(struct conn *c, const char *msg);

int greet(struct conn *c)
{
    if (conn_send(c, "hello") != 0)
        return -1;
    if (conn_send(c, "ready") != 0)
        return -1;
    return 0;
}

void farewell(struct conn *c)
{
    conn_send(c, "bye");
}
