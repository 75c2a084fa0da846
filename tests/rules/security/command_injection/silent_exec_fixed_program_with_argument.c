#include <stdlib.h>
#include <unistd.h>

/* A fixed program without a shell: the argument cannot start another command
 * (argument injection, CWE-88, is not this rule's business). */
void show_type(void)
{
    char *path = getenv("TARGET");

    if (path != NULL)
        execl("/usr/bin/file", "file", "--brief", path, (char *)NULL);
}

void list_directory(char **argv)
{
    char *args[] = { "ls", "-l", NULL, NULL };

    args[2] = argv[1];
    execv("/bin/ls", args);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        list_directory(argv);
    show_type();
    return 0;
}
