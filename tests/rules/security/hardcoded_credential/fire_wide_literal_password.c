#include <wchar.h>

#define PASSWORD L"ABCD1234!"

int logon_w(const wchar_t *user, const wchar_t *password);

/* Wide strings are judged like narrow ones. */
int connect_as_operator(void)
{
    wchar_t passwordBuffer[100] = L"";
    wchar_t *password = passwordBuffer;

    wcscpy(password, PASSWORD); // expect: security-hardcoded-credential {{'password' receives a hard-coded credential}}
    return logon_w(L"operator", password);
}

static const wchar_t *service_secret = L"s3rv1ce-Key"; // expect: security-hardcoded-credential {{'service_secret'}}
