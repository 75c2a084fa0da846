#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int run_hook(char *const argv[], char *const envp[])
{
    char hook[256];
    struct stat st;

    snprintf(hook, sizeof(hook), "%s/hooks/post-update", "/srv/repo");
    if (stat(hook, &st) != 0 || !(st.st_mode & S_IXUSR))
        return 0;
    return execve(hook, argv, envp); // expect: security-toctou {{'execve'}}
}

int publish(const char *tmp, const char *final_path)
{
    if (access(final_path, F_OK) == 0)
        return -1;
    return rename(tmp, final_path); // expect: security-toctou {{'rename' uses a path that 'access' checked}}
}
