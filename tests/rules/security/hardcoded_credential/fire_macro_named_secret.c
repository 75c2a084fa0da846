struct request;
void request_set_header(struct request *req, const char *name, const char *value);

#define GITHUB_API_TOKEN "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
#define SERVICE_SECRET "b1946ac92492d2347c6235b4d2611184"

void authorize(struct request *req)
{
    request_set_header(req, "Authorization", GITHUB_API_TOKEN); // expect:46: security-hardcoded-credential {{macro 'GITHUB_API_TOKEN' expands to a hard-coded credential}}
}

const char *signing_material(void)
{
    const char *material = SERVICE_SECRET; // expect: security-hardcoded-credential {{macro 'SERVICE_SECRET'}}

    return material;
}
