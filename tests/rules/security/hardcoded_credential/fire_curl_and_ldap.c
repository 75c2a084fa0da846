/* As declared by <curl/curl.h> and <ldap.h>. */
typedef void CURL;
typedef enum {
    CURLOPT_URL = 10002,
    CURLOPT_USERPWD = 10005,
    CURLOPT_PASSWORD = 10174,
    CURLOPT_TIMEOUT = 13,
} CURLoption;
typedef int CURLcode;
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);
typedef struct ldap LDAP;
int ldap_simple_bind_s(LDAP *ld, const char *who, const char *passwd);

void configure_upload(CURL *h)
{
    curl_easy_setopt(h, CURLOPT_URL, "https://uploader:Upl0ad!@files.example.com/in");  // expect: security-hardcoded-credential {{'CURLOPT_URL'}}
    curl_easy_setopt(h, CURLOPT_USERPWD, "uploader:Upl0ad!"); // expect: security-hardcoded-credential {{hard-coded credential set with 'CURLOPT_USERPWD'}}
    curl_easy_setopt(h, CURLOPT_PASSWORD, "Upl0ad!"); // expect: security-hardcoded-credential
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
}

int bind_directory(LDAP *ld)
{
    return ldap_simple_bind_s(ld, "cn=admin,dc=example,dc=com", "Manager1"); // expect: security-hardcoded-credential {{'ldap_simple_bind_s' (argument 3)}}
}
