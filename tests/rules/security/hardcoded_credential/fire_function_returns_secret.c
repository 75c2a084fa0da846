/* Default credentials handed out when the configuration has none. */
static const char *default_admin_password(void)
{
    return "admin123"; // expect: security-hardcoded-credential {{'default_admin_password' returns a hard-coded credential}}
}

const char *getApiKey(int sandbox)
{
    if (sandbox)
        return "sk_test_4eC39HqLyjWDarjtT1zdp7dc"; // expect: security-hardcoded-credential {{'getApiKey' returns}}
    return default_admin_password();
}
