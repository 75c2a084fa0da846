// Input that reaches a format through a union, a static global read by another function,
// and a helper that returns it: errors, with the steps of the flow.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

union text_view {
    char *as_chars;
    const char *as_const;
};

static char *pending_banner;

void show_from_union(void)
{
    union text_view view;
    char *data = getenv("GREETING");
    if (data == NULL)
        return;
    view.as_chars = data;
    printf(view.as_const); // expect: security-format-string {{'getenv'}}
}

static void show_pending(void)
{
    char *data = pending_banner;
    fprintf(stderr, data); // expect: security-format-string {{'recv'}}
}

void receive_banner(int sock)
{
    static char buffer[128];
    ssize_t n = recv(sock, buffer, sizeof buffer - 1, 0);
    if (n <= 0)
        return;
    buffer[n] = '\0';
    pending_banner = buffer;
    show_pending();
}

static char *read_title(FILE *in, char *buf, int size)
{
    if (fgets(buf, size, in) == NULL)
        return NULL;
    buf[strcspn(buf, "\n")] = '\0';
    return buf;
}

void print_title(FILE *in)
{
    char buf[80];
    char *title = read_title(in, buf, sizeof buf);
    if (title != NULL)
        printf(title); // expect: security-format-string {{'fgets'}}
}
