#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A job protocol read from a descriptor: "MOVE <from> <to>". The request is kept in a
 * struct and handed to a helper that renames the files. */
struct move_request {
    char from[128];
    char to[128];
};

static int apply_move(const struct move_request *req)
{
    return rename(req->from, req->to); // expect: security-path-traversal {{from a file descriptor}}
}

int handle_request(int fd)
{
    char buf[300];
    struct move_request req;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);

    if (n <= 0)
        return -1;
    buf[n] = '\0';
    if (sscanf(buf, "MOVE %127s %127s", req.from, req.to) != 2)
        return -1;
    return apply_move(&req);
}
