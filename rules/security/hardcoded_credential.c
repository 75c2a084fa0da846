/* security-hardcoded-credential: string literals (and byte-array initializers) that end up
 * as passwords, keys or tokens: stored in a variable, field or macro whose name says so,
 * returned by a function whose name says so, compared with such a variable, or passed as
 * the password or key argument of a known API. The secret itself never enters a message.
 * Known gaps: a literal reaches the secret only directly (one assignment, one call);
 * passphrases containing spaces are taken for text. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analyzer/cursors.h"
#include "rules/rule.h"
#include "rules/support/expr.h"
#include "rules/support/exprkey.h"
#include "rules/support/macro.h"
#include "rules/support/names.h"

#define HC_DEFAULT_NAMES                                                                           \
    "password,passwd,passphrase,pwd,secret,secret_key,secretkey,"                                  \
    "client_secret,api_key,apikey,api_token,access_key,access_token,auth_token,bearer_token,"      \
    "refresh_token,session_token,session_key,secret_token,private_key,privkey,priv_key,"           \
    "credential,crypt_key,cryptkey,crypto_key,encryption_key,enc_key,aes_key,"                     \
    "des_key,hmac_key,signing_key,master_key,auth_key,license_key"
#define HC_DEFAULT_DESCRIPTIVE                                                                     \
    "name,key,id,prompt,label,field,hint,help,msg,message,text,desc,description,title,len,"        \
    "length,size,sz,max,min,count,num,idx,index,pos,offset,file,filename,path,dir,env,var,type,"   \
    "kind,format,fmt,prefix,suffix,option,opt,param,arg,attr,header,policy,column,col,flag,"       \
    "flags,mode,cmd,command,url,uri,regex,pattern,template,error,err,status,state,valid,"          \
    "required,set,changed,expires,expiry,expire,timeout,ttl,age,time,version,chars,charset,"       \
    "alphabet,rule,rules,strength,cb,callback,fn,func,handler,hash,hashed,digest,salt,iv,nonce,"   \
    "tag,encrypted,enc,cipher,ciphertext,file_name,location,source,provider,store,table"

#define HC_FIX                                                                                     \
    "read it at run time from protected configuration, the environment or a secrets manager"

/* How an API argument holds the secret. */
enum hc_arg_kind {
    HC_ARG_SECRET,   /* the whole string is the secret */
    HC_ARG_USERPWD,  /* "user:password" */
    HC_ARG_CONNINFO, /* "host=... password=..." or "scheme://user:password@host" */
};

struct hc_api {
    const char *function;
    unsigned arg;
    enum hc_arg_kind kind;
    const char *what; /* "password", "key" ... */
};

static const struct hc_api hc_apis[] = {
    { "mysql_real_connect", 3, HC_ARG_SECRET, "password" },
    { "mysql_change_user", 2, HC_ARG_SECRET, "password" },
    { "PQconnectdb", 0, HC_ARG_CONNINFO, "connection string" },
    { "PQconnectStart", 0, HC_ARG_CONNINFO, "connection string" },
    { "PQsetdbLogin", 6, HC_ARG_SECRET, "password" },
    { "sqlite3_key", 1, HC_ARG_SECRET, "key" },
    { "sqlite3_key_v2", 2, HC_ARG_SECRET, "key" },
    { "sqlite3_rekey", 1, HC_ARG_SECRET, "key" },
    { "EVP_EncryptInit", 2, HC_ARG_SECRET, "key" },
    { "EVP_DecryptInit", 2, HC_ARG_SECRET, "key" },
    { "EVP_CipherInit", 2, HC_ARG_SECRET, "key" },
    { "EVP_EncryptInit_ex", 3, HC_ARG_SECRET, "key" },
    { "EVP_DecryptInit_ex", 3, HC_ARG_SECRET, "key" },
    { "EVP_CipherInit_ex", 3, HC_ARG_SECRET, "key" },
    { "EVP_EncryptInit_ex2", 2, HC_ARG_SECRET, "key" },
    { "EVP_DecryptInit_ex2", 2, HC_ARG_SECRET, "key" },
    { "EVP_CipherInit_ex2", 2, HC_ARG_SECRET, "key" },
    { "EVP_BytesToKey", 3, HC_ARG_SECRET, "password" },
    { "HMAC", 1, HC_ARG_SECRET, "key" },
    { "HMAC_Init", 1, HC_ARG_SECRET, "key" },
    { "HMAC_Init_ex", 1, HC_ARG_SECRET, "key" },
    { "PKCS5_PBKDF2_HMAC", 0, HC_ARG_SECRET, "password" },
    { "PKCS5_PBKDF2_HMAC_SHA1", 0, HC_ARG_SECRET, "password" },
    { "AES_set_encrypt_key", 0, HC_ARG_SECRET, "key" },
    { "AES_set_decrypt_key", 0, HC_ARG_SECRET, "key" },
    { "SSL_CTX_set_default_passwd_cb_userdata", 1, HC_ARG_SECRET, "passphrase" },
    { "PEM_read_bio_PrivateKey", 3, HC_ARG_SECRET, "passphrase" },
    { "gcry_cipher_setkey", 1, HC_ARG_SECRET, "key" },
    { "gcry_md_setkey", 1, HC_ARG_SECRET, "key" },
    { "gcry_kdf_derive", 0, HC_ARG_SECRET, "password" },
    { "mbedtls_aes_setkey_enc", 1, HC_ARG_SECRET, "key" },
    { "mbedtls_aes_setkey_dec", 1, HC_ARG_SECRET, "key" },
    { "mbedtls_md_hmac_starts", 1, HC_ARG_SECRET, "key" },
    { "mbedtls_md_hmac", 1, HC_ARG_SECRET, "key" },
    { "mbedtls_gcm_setkey", 2, HC_ARG_SECRET, "key" },
    { "mbedtls_pk_parse_key", 3, HC_ARG_SECRET, "passphrase" },
    { "ldap_simple_bind", 2, HC_ARG_SECRET, "password" },
    { "ldap_simple_bind_s", 2, HC_ARG_SECRET, "password" },
    { "ldap_bind_s", 2, HC_ARG_SECRET, "password" },
    { "ssh_userauth_password", 2, HC_ARG_SECRET, "password" },
    { "libssh2_userauth_password_ex", 3, HC_ARG_SECRET, "password" },
    { "LogonUserA", 2, HC_ARG_SECRET, "password" },
    { "LogonUserW", 2, HC_ARG_SECRET, "password" },
    { "crypt", 0, HC_ARG_SECRET, "password" },
};

/* curl_easy_setopt options whose value is a secret. */
struct hc_curl_option {
    const char *name;
    enum hc_arg_kind kind;
};

static const struct hc_curl_option hc_curl_options[] = {
    { "CURLOPT_PASSWORD", HC_ARG_SECRET },       { "CURLOPT_PROXYPASSWORD", HC_ARG_SECRET },
    { "CURLOPT_KEYPASSWD", HC_ARG_SECRET },      { "CURLOPT_TLSAUTH_PASSWORD", HC_ARG_SECRET },
    { "CURLOPT_XOAUTH2_BEARER", HC_ARG_SECRET }, { "CURLOPT_USERPWD", HC_ARG_USERPWD },
    { "CURLOPT_PROXYUSERPWD", HC_ARG_USERPWD },  { "CURLOPT_URL", HC_ARG_CONNINFO },
};

static const char *const hc_compare_functions[] = {
    "strcmp",        "strncmp",         "strcasecmp",        "strncasecmp",   "memcmp", "bcmp",
    "CRYPTO_memcmp", "timingsafe_bcmp", "timingsafe_memcmp", "sodium_memcmp", "wcscmp",
};

static const char *const hc_copy_functions[] = {
    "strcpy", "strncpy", "strlcpy", "stpcpy", "memcpy", "memmove", "wcscpy", "wcsncpy", "wmemcpy",
};

static int in_list(const char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i], name) == 0)
            return 1;
    }
    return 0;
}

/* ---- what a secret value looks like ---------------------------------------------------- */

static int all_same_filler(const char *v)
{
    char c = (char)tolower((unsigned char)v[0]);

    if (isalnum((unsigned char)c) && c != 'x')
        return 0;
    for (const char *p = v; *p != '\0'; p++) {
        if (tolower((unsigned char)*p) != c)
            return 0;
    }
    return 1;
}

/* An environment variable's name ("DB_PASSWORD"): looked up, not a secret itself. */
static int looks_like_env_name(const char *v)
{
    int underscore = 0;

    for (const char *p = v; *p != '\0'; p++) {
        if (*p == '_')
            underscore = 1;
        else if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p))
            return 0;
    }
    return underscore;
}

static int is_placeholder_word(const char *v)
{
    static const char *const words[] = {
        "none",  "null",    "nil",      "true",    "false",    "yes",         "no",
        "on",    "off",     "default",  "unknown", "empty",    "unset",       "notset",
        "todo",  "fixme",   "redacted", "hidden",  "masked",   "placeholder", "replaceme",
        "dummy", "example", "sample",   "secret",  "password", "token",       "key",
    };
    char norm[32];
    size_t n = 0;

    for (const char *p = v; *p != '\0'; p++) {
        if (n + 1 >= sizeof(norm))
            return 0;
        if (*p != '_' && *p != '-')
            norm[n++] = (char)tolower((unsigned char)*p);
    }
    norm[n] = '\0';
    return strncmp(norm, "your", 4) == 0 || in_list(words, sizeof(words) / sizeof(words[0]), norm);
}

/* Nonzero when text ends with suffix, ignoring case. */
static int ends_with_nocase(const char *text, const char *suffix)
{
    size_t n = strlen(text), m = strlen(suffix);

    return n >= m && strncasecmp(text + n - m, suffix, m) == 0;
}

/* An e-mail address at a domain reserved for documentation (RFC 2606: example, example.com,
 * .org, .net, and the .example, .invalid and .test names): the conventional password of
 * anonymous FTP ('ftp@example.com'), never a real credential. */
static int is_reserved_address(const char *v)
{
    static const char *const domains[] = { "@example",     "@example.com", "@example.org",
                                           "@example.net", ".example",     ".invalid",
                                           ".test" };
    const char *at = strchr(v, '@');

    if (at == NULL || strchr(at + 1, '@') != NULL)
        return 0;
    for (size_t i = 0; i < sizeof(domains) / sizeof(domains[0]); i++) {
        if (ends_with_nocase(at, domains[i]))
            return 1;
    }
    return 0;
}

/* Blanks or a printf/scanf conversion ('%s', '%08x') anywhere in the value. */
static int has_blank_or_conversion(const char *v)
{
    for (const char *p = v; *p != '\0'; p++) {
        if (isspace((unsigned char)*p))
            return 1;
        if (p[0] == '%' && p[1] != '\0' && strchr("sdiuxXcpl.*0123456789-", p[1]) != NULL)
            return 1;
    }
    return 0;
}

/* A template marker ('${DB_PASSWORD}', '{{token}}', '<password>'). */
static int is_template(const char *v, size_t n)
{
    if (strstr(v, "${") != NULL || strstr(v, "$(") != NULL || strstr(v, "{{") != NULL)
        return 1;
    return v[0] == '<' && v[n - 1] == '>';
}

/* Text, not a secret: a message, a format, a template, a prompt ('Password:'), a key prefix
 * ('password='), a command-line option or a path. */
static int looks_like_text(const char *v)
{
    size_t n = strlen(v);

    if (has_blank_or_conversion(v) || is_template(v, n))
        return 1;
    if (v[0] == '-' || v[0] == '/' || strncmp(v, "./", 2) == 0)
        return 1;
    return v[n - 1] == ':' || v[n - 1] == '=';
}

/* Nonzero when a literal's value could be a real credential. */
static int looks_secret(const char *v)
{
    if (v[0] == '\0' || all_same_filler(v) || looks_like_text(v))
        return 0;
    return !looks_like_env_name(v) && !is_placeholder_word(v) && !is_reserved_address(v);
}

/* Copies [from, from + len) into buf as a string, truncated to size. */
static void copy_span(char *buf, size_t size, const char *from, size_t len)
{
    if (len >= size)
        len = size - 1;
    memcpy(buf, from, len);
    buf[len] = '\0';
}

/* A 'password=value' pair in a libpq-style connection string whose value is a secret. */
static int keyword_password(const char *v)
{
    char pw[128];

    for (const char *p = strstr(v, "password"); p != NULL; p = strstr(p + 8, "password")) {
        const char *q = p + 8;
        size_t n = 0;
        q += strspn(q, " ");
        if (*q != '=')
            continue;
        q += 1 + strspn(q + 1, " ");
        n = strcspn(q, " ");
        copy_span(pw, sizeof(pw), q, n);
        if (looks_secret(pw))
            return 1;
    }
    return 0;
}

/* The 'user:password@' part of a URL, with a secret password. */
static int url_password(const char *v)
{
    const char *scheme = strstr(v, "://");
    const char *user, *at, *colon;
    char pw[128];

    if (scheme == NULL)
        return 0;
    user = scheme + 3;
    at = user + strcspn(user, "@/");
    if (*at != '@')
        return 0;
    colon = memchr(user, ':', (size_t)(at - user));
    if (colon == NULL || colon + 1 == at)
        return 0;
    copy_span(pw, sizeof(pw), colon + 1, (size_t)(at - (colon + 1)));
    return looks_secret(pw);
}

/* "host=db password=s3cret" or "postgresql://app:s3cret@db/x" with a real password. */
static int conninfo_has_password(const char *v)
{
    return keyword_password(v) || url_password(v);
}

static int value_is_secret(const char *v, enum hc_arg_kind kind)
{
    const char *colon;

    switch (kind) {
    case HC_ARG_SECRET:
        return looks_secret(v);
    case HC_ARG_USERPWD:
        colon = strchr(v, ':');
        return colon != NULL && looks_secret(colon + 1);
    case HC_ARG_CONNINFO:
        return conninfo_has_password(v);
    }
    return 0;
}

/* ---- what a name says -------------------------------------------------------------------- */

/* The name and type of what a named expression (variable, field) refers to. */
static int named_is_secret(const struct rule_ctx *rc, CXCursor named, char *name, size_t size)
{
    CXCursor decl = clang_getCursorReferenced(named);

    if (clang_Cursor_isNull(named) || clang_Cursor_isNull(decl))
        return 0;
    rule_cursor_name(decl, name, size);
    return rule_names_say_secret(rc, name, rule_names_byte_buffer(clang_getCursorType(decl)));
}

/* ---- reports ----------------------------------------------------------------------------- */

static void report_named(struct rule_ctx *rc, CXCursor lit, const char *name, const char *how)
{
    rule_report(rc, lit, "'%s' %s a hard-coded credential (CWE-798); %s", name, how, HC_FIX);
}

static int check_macro(struct rule_ctx *rc, CXCursor lit)
{
    char macro[128];

    if (!rule_macro_name_at(macro, sizeof(macro), rule_unit(rc), lit) ||
        !rule_names_say_secret(rc, macro, 0))
        return 0;
    rule_report(rc, lit, "macro '%s' expands to a hard-coded credential (CWE-798); %s", macro,
                HC_FIX);
    return 1;
}

/* ---- contexts ---------------------------------------------------------------------------- */

static const char *curl_option_name(CXCursor call, char *buf, size_t size)
{
    CXCursor opt;

    buf[0] = '\0';
    if (clang_Cursor_getNumArguments(call) != 3)
        return buf;
    opt = clang_getCursorReferenced(rule_exprkey_strip(clang_Cursor_getArgument(call, 1)));
    if (clang_getCursorKind(opt) == CXCursor_EnumConstantDecl)
        rule_cursor_name(opt, buf, size);
    return buf;
}

static int check_curl(struct rule_ctx *rc, CXCursor lit, CXCursor call, const char *value)
{
    char option[64];

    curl_option_name(call, option, sizeof(option));
    for (size_t i = 0; i < sizeof(hc_curl_options) / sizeof(hc_curl_options[0]); i++) {
        if (strcmp(option, hc_curl_options[i].name) != 0)
            continue;
        if (!value_is_secret(value, hc_curl_options[i].kind))
            return 0;
        rule_report(rc, lit, "hard-coded credential set with '%s' (CWE-798); %s", option, HC_FIX);
        return 1;
    }
    return 0;
}

static int check_api(struct rule_ctx *rc, CXCursor lit, const char *fn, unsigned arg,
                     const char *value)
{
    for (size_t i = 0; i < sizeof(hc_apis) / sizeof(hc_apis[0]); i++) {
        const struct hc_api *a = &hc_apis[i];
        if (strcmp(fn, a->function) != 0 || arg != a->arg)
            continue;
        if (!value_is_secret(value, a->kind))
            return 0;
        rule_report(rc, lit, "hard-coded %s passed to '%s' (argument %u) (CWE-798); %s", a->what,
                    fn, arg + 1, HC_FIX);
        return 1;
    }
    return 0;
}

/* strcmp(password, "literal") and strcpy(password, "literal"). */
static int check_compare_or_copy(struct rule_ctx *rc, CXCursor lit, CXCursor call, const char *fn,
                                 unsigned arg, const char *value)
{
    char name[128];
    size_t n_cmp = sizeof(hc_compare_functions) / sizeof(hc_compare_functions[0]);
    size_t n_copy = sizeof(hc_copy_functions) / sizeof(hc_copy_functions[0]);
    CXCursor other;

    if (clang_Cursor_getNumArguments(call) < 2 || arg > 1 || !looks_secret(value))
        return 0;
    if (in_list(hc_compare_functions, n_cmp, fn)) {
        other = rule_exprkey_named(clang_Cursor_getArgument(call, 1 - arg));
        if (!named_is_secret(rc, other, name, sizeof(name)))
            return 0;
        rule_report(rc, lit, "'%s' compares '%s' with a hard-coded credential (CWE-798); %s", fn,
                    name, HC_FIX);
        return 1;
    }
    if (arg != 1 || !in_list(hc_copy_functions, n_copy, fn))
        return 0;
    other = rule_exprkey_named(clang_Cursor_getArgument(call, 0));
    if (!named_is_secret(rc, other, name, sizeof(name)))
        return 0;
    report_named(rc, lit, name, "receives");
    return 1;
}

static int check_call(struct rule_ctx *rc, CXCursor lit, CXCursor call, CXCursor below,
                      const char *value)
{
    char fn[128];
    unsigned arg;

    rule_callee_name(call, fn, sizeof(fn));
    if (fn[0] == '\0' || !ecg_cursor_arg_index(&arg, call, below))
        return 0;
    if (strcmp(fn, "curl_easy_setopt") == 0)
        return arg == 2 && check_curl(rc, lit, call, value);
    if (check_api(rc, lit, fn, arg, value))
        return 1;
    return check_compare_or_copy(rc, lit, call, fn, arg, value);
}

/* 'lhs = "literal"': the literal must be the right operand of a pointer assignment. */
static int check_assign(struct rule_ctx *rc, CXCursor lit, CXCursor op, CXCursor below,
                        const char *value)
{
    CXCursor lhs = rule_expr_first_child(op);
    enum CXTypeKind type = clang_getCanonicalType(clang_getCursorType(op)).kind;
    char name[128];

    if (type != CXType_Pointer || ecg_cursor_same_node(lhs, below) || !looks_secret(value))
        return 0;
    if (!named_is_secret(rc, rule_exprkey_named(lhs), name, sizeof(name)))
        return 0;
    report_named(rc, lit, name, "is assigned");
    return 1;
}

/* A variable or field (declaration cursor) initialized with the literal. */
static int check_decl(struct rule_ctx *rc, CXCursor lit, CXCursor decl, const char *value)
{
    char name[128];

    if (!looks_secret(value))
        return 0;
    rule_cursor_name(decl, name, sizeof(name));
    if (!rule_names_say_secret(rc, name, rule_names_byte_buffer(clang_getCursorType(decl))))
        return 0;
    report_named(rc, lit, name, "is initialized with");
    return 1;
}

struct hc_field_search {
    unsigned want;
    unsigned seen;
    CXCursor found;
};

static enum CXVisitorResult take_field(CXCursor field, CXClientData data)
{
    struct hc_field_search *s = data;

    if (s->seen++ == s->want) {
        s->found = field;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

struct hc_child_search {
    CXCursor target;
    unsigned index;
    int found;
};

static enum CXChildVisitResult find_child(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct hc_child_search *s = data;

    (void)parent;
    if (ecg_cursor_same_node(cursor, s->target)) {
        s->found = 1;
        return CXChildVisit_Break;
    }
    s->index++;
    return CXChildVisit_Continue;
}

static int is_record(CXCursor expr)
{
    return clang_getCanonicalType(clang_getCursorType(expr)).kind == CXType_Record;
}

/* '{ "admin", "s3cret" }' for a struct: the literal initializes the field at its position. */
static int check_positional(struct rule_ctx *rc, CXCursor lit, CXCursor list, CXCursor below,
                            const char *value)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(list));
    struct hc_child_search child = { below, 0, 0 };
    struct hc_field_search field = { 0, 0, clang_getNullCursor() };

    if (type.kind != CXType_Record)
        return 0;
    clang_visitChildren(list, find_child, &child);
    if (!child.found)
        return 0;
    field.want = child.index;
    clang_Type_visitFields(type, take_field, &field);
    return !clang_Cursor_isNull(field.found) && check_decl(rc, lit, field.found, value);
}

static int check_return(struct rule_ctx *rc, CXCursor lit, const char *value)
{
    char name[128];

    rule_cursor_name(rule_function(rc), name, sizeof(name));
    if (!looks_secret(value) || !rule_names_say_secret(rc, name, 0))
        return 0;
    report_named(rc, lit, name, "returns");
    return 1;
}

/* A designated initializer '.password = "..."' shows as an expression whose first child is
 * the member it designates. */
static CXCursor designated_field(CXCursor expr)
{
    CXCursor first = rule_expr_first_child(expr);

    if (clang_getCursorKind(first) != CXCursor_MemberRef)
        return clang_getNullCursor();
    return clang_getCursorReferenced(first);
}

/* Casts, parentheses, '?:', array initializers: the literal goes on through them. */
static int passes_through(CXCursor a)
{
    switch (clang_getCursorKind(a)) {
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
    case CXCursor_ConditionalOperator:
        return 1;
    case CXCursor_UnexposedExpr:
        return clang_Cursor_isNull(designated_field(a));
    case CXCursor_InitListExpr:
        return !is_record(a); /* a struct's initializer decides by the field */
    default:
        return 0;
    }
}

/* Judges the place the literal reaches; 1 when it reported. */
static int judge(struct rule_ctx *rc, CXCursor lit, CXCursor a, CXCursor below, const char *value)
{
    switch (clang_getCursorKind(a)) {
    case CXCursor_UnexposedExpr:
        return check_decl(rc, lit, designated_field(a), value);
    case CXCursor_InitListExpr:
        return check_positional(rc, lit, a, below, value);
    case CXCursor_VarDecl:
        return check_decl(rc, lit, a, value);
    case CXCursor_BinaryOperator:
        return check_assign(rc, lit, a, below, value);
    case CXCursor_CallExpr:
        return check_call(rc, lit, a, below, value);
    case CXCursor_ReturnStmt:
        return check_return(rc, lit, value);
    default:
        return 0;
    }
}

/* strdup("s3cret"): the copy carries the literal on to where the result goes. */
static int copies_literal(CXCursor a, CXCursor below)
{
    static const char *const dups[] = { "strdup", "strndup", "wcsdup", "g_strdup" };
    char fn[32];

    if (clang_getCursorKind(a) != CXCursor_CallExpr || clang_Cursor_getNumArguments(a) < 1 ||
        !ecg_cursor_same_node(clang_Cursor_getArgument(a, 0), below))
        return 0;
    rule_callee_name(a, fn, sizeof(fn));
    return in_list(dups, sizeof(dups) / sizeof(dups[0]), fn);
}

/* Where the literal goes; returns 1 when it reported. */
static int check_context(struct rule_ctx *rc, CXCursor lit, const char *value)
{
    CXCursor below = lit;

    for (size_t up = 0; up < 16; up++) {
        CXCursor a = rule_ancestor(rc, up);
        if (!passes_through(a) && !copies_literal(a, below))
            return judge(rc, lit, a, below, value);
        below = a;
    }
    return 0;
}

/* Copies the characters of a quoted literal body into buf, narrowed: characters outside
 * ASCII become '?', an escape keeps the character after the backslash. */
static void narrow_body(char *buf, size_t size, const char *p)
{
    size_t n = 0;

    for (; *p != '\0' && *p != '"' && n + 1 < size; p++) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        buf[n++] = (unsigned char)*p < 0x80 ? *p : '?';
    }
    buf[n] = '\0';
}

/* The value of a wide or UTF-16/32 literal (L"...", u"...", U"..."), narrowed: enough to
 * judge whether it looks like a secret. 0 when lit is not such a literal. */
static int wide_literal_value(CXCursor lit, char *buf, size_t size)
{
    CXString s = clang_getCursorSpelling(lit);
    const char *p = clang_getCString(s);
    int ok = p != NULL && strchr("LuU", p[0]) != NULL && p[0] != '\0' && p[1] == '"';

    if (ok && size > 0)
        narrow_body(buf, size, p + 2);
    clang_disposeString(s);
    return ok && size > 0;
}

static void hc_on_literal(struct rule_ctx *rc, CXCursor lit)
{
    char value[256];

    if (!rule_expr_string_value(lit, value, sizeof(value)) &&
        !wide_literal_value(lit, value, sizeof(value)))
        return;
    if (value[0] == '\0')
        return;
    if (check_context(rc, lit, value))
        return;
    if (looks_secret(value))
        check_macro(rc, lit);
}

/* 'static const unsigned char aes_key[16] = { 0x2b, 0x7e, ... }': key bytes in the binary. */
struct hc_bytes {
    unsigned literals;
    unsigned others;
};

static enum CXChildVisitResult count_literals(CXCursor cursor, CXCursor parent, CXClientData data)
{
    struct hc_bytes *b = data;
    enum CXCursorKind kind = clang_getCursorKind(rule_exprkey_strip(cursor));

    (void)parent;
    if (kind == CXCursor_IntegerLiteral || kind == CXCursor_CharacterLiteral)
        b->literals++;
    else
        b->others++;
    return CXChildVisit_Continue;
}

static void hc_on_var(struct rule_ctx *rc, CXCursor var)
{
    CXType type = clang_getCanonicalType(clang_getCursorType(var));
    CXCursor init;
    struct hc_bytes bytes = { 0, 0 };
    char name[128];

    if (type.kind != CXType_ConstantArray || !rule_names_byte_buffer(type))
        return;
    init = clang_Cursor_getVarDeclInitializer(var);
    if (clang_getCursorKind(init) != CXCursor_InitListExpr)
        return;
    clang_visitChildren(init, count_literals, &bytes);
    if (bytes.literals < 8 || bytes.others != 0)
        return;
    rule_cursor_name(var, name, sizeof(name));
    if (!rule_names_say_secret(rc, name, 1))
        return;
    rule_report(rc, var, "'%s' is initialized with hard-coded key bytes (CWE-321); %s", name,
                HC_FIX);
}

static void hc_on_cursor(struct rule_ctx *rc, CXCursor cursor)
{
    if (clang_getCursorKind(cursor) == CXCursor_StringLiteral)
        hc_on_literal(rc, cursor);
    else
        hc_on_var(rc, cursor);
}

static const struct rule_option hc_options[] = {
    { "names", RULE_OPT_STRING_LIST, HC_DEFAULT_NAMES,
      "words that mark a variable, field, macro or function as holding a credential; an item "
      "with '_' matches those words in a row (api_key matches apiKey, API_KEY)",
      NULL },
    { "byte_buffer_names", RULE_OPT_STRING_LIST, "key",
      "words that count only for arrays of or pointers to unsigned char (key material)", NULL },
    { "descriptive_words", RULE_OPT_STRING_LIST, HC_DEFAULT_DESCRIPTIVE,
      "words that, after a credential word, show the name describes the credential rather than "
      "holds it (password_prompt, token_len)",
      NULL },
};

const struct rule_desc rule_security_hardcoded_credential = {
    .id = "security-hardcoded-credential",
    .title = "Hard-coded credential",
    .summary = "Flags passwords, keys and tokens written as literals in the source.",
    .description = "A password, key or token compiled into the program is shared by every "
                   "installation, readable by anyone with the binary or the source, and cannot "
                   "be rotated without a new release (CWE-798, CWE-259, CWE-321). ecg reports "
                   "string literals stored in, compared with or returned as something whose "
                   "name says it is a credential, and literals passed as the password or key of "
                   "known APIs (OpenSSL, libpq, MySQL, SQLCipher, libcurl, LDAP ...). Load "
                   "secrets at run time from protected configuration, the environment or a "
                   "secrets manager.",
    .tags = "security",
    .precision = "medium",
    .security_severity = "7.5",
    .cwe = { 259, 321, 798 },
    .level = ECG_LEVEL_WARNING,
    .options = hc_options,
    .n_options = sizeof(hc_options) / sizeof(hc_options[0]),
    .kinds = { CXCursor_StringLiteral, CXCursor_VarDecl },
    .on_cursor = hc_on_cursor,
};
