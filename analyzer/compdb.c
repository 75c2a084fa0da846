/* Loading compile_commands.json into absolute, normalised compile commands. cJSON keeps no
 * source positions, so a bad entry is located by rescanning the (already validated) text
 * with a small tokenizer that counts array elements and skips strings. */
#include "analyzer/compdb.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/args.h"
#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/fileio.h"

#define JSON_NONE SIZE_MAX /* "not found" for the offsets below */

/* ---- path normalisation ------------------------------------------------------------------ */

/* Removes the last component from out[0..*n): "/a/b" -> "/a", "/a" -> "/", "a" -> "". */
static void pop_component(const char *out, size_t *n, int absolute)
{
    size_t k = *n;

    while (k > 0 && out[k - 1] != '/')
        k--;
    if (k > 0)
        k--; /* the separator before the component */
    if (k == 0 && absolute)
        k = 1;
    *n = k;
}

enum component_kind { COMPONENT_SKIP, COMPONENT_PARENT, COMPONENT_NAME };

static enum component_kind classify_component(const char *p, size_t len)
{
    if (len == 0 || (len == 1 && p[0] == '.'))
        return COMPONENT_SKIP;
    if (len == 2 && p[0] == '.' && p[1] == '.')
        return COMPONENT_PARENT;
    return COMPONENT_NAME;
}

static void append_component(char *out, size_t *n, const char *p, size_t len)
{
    if (*n > 0 && out[*n - 1] != '/') {
        out[*n] = '/';
        *n += 1;
    }
    memcpy(out + *n, p, len);
    *n += len;
}

/* Writes the normalised form of joined to out, which has room for strlen(joined) + 2
 * bytes; returns its length (0 for an empty relative path). A ".." that would climb
 * above "/" is dropped; one that would climb above the start of a relative path stays. */
static size_t normalize_into(char *out, const char *joined, int absolute)
{
    size_t n = 0;
    size_t depth = 0; /* named components a ".." may remove */
    const char *p = joined;

    if (absolute)
        out[n++] = '/';
    while (*p != '\0') {
        size_t len = strcspn(p, "/");
        enum component_kind kind = classify_component(p, len);
        if (kind == COMPONENT_PARENT && depth > 0) {
            pop_component(out, &n, absolute);
            depth--;
        } else if (kind == COMPONENT_NAME || (kind == COMPONENT_PARENT && !absolute)) {
            append_component(out, &n, p, len);
            depth += kind == COMPONENT_NAME;
        }
        p += len + (p[len] == '/');
    }
    out[n] = '\0';
    return n;
}

char *ecg_compdb_normalize_path(const char *base, const char *path)
{
    int join = path[0] != '/' && base != NULL && base[0] != '\0';
    size_t base_len = join ? strlen(base) : 0;
    size_t path_len = strlen(path);
    char *joined = malloc(base_len + path_len + 2);
    char *out = malloc(base_len + path_len + 3);

    if (joined == NULL || out == NULL) {
        free(joined);
        free(out);
        return NULL;
    }
    if (join) {
        memcpy(joined, base, base_len);
        joined[base_len] = '/';
    }
    memcpy(joined + base_len + join, path, path_len + 1);
    if (normalize_into(out, joined, joined[0] == '/') == 0)
        memcpy(out, ".", 2);
    free(joined);
    return out;
}

/* ---- locating values in the JSON text ----------------------------------------------------- */

static size_t json_skip_ws(const char *t, size_t len, size_t i)
{
    /* cJSON treats every byte up to ' ' as white space */
    while (i < len && (unsigned char)t[i] <= ' ')
        i++;
    return i;
}

static size_t json_skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (t[i] == '\\')
            i++;
        else if (t[i] == '"')
            return i + 1;
    }
    return len;
}

static size_t json_skip_container(const char *t, size_t len, size_t i)
{
    size_t depth = 0;

    while (i < len) {
        char c = t[i];
        if (c == '"') {
            i = json_skip_string(t, len, i);
            continue;
        }
        if (c == '[' || c == '{')
            depth++;
        if (c == ']' || c == '}')
            depth--;
        i++;
        if (depth == 0)
            return i;
    }
    return len;
}

static size_t json_skip_value(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return len;
    if (t[i] == '"')
        return json_skip_string(t, len, i);
    if (t[i] == '[' || t[i] == '{')
        return json_skip_container(t, len, i);
    while (i < len && (unsigned char)t[i] > ' ' && strchr(",]}", t[i]) == NULL)
        i++;
    return i;
}

/* Offset of element k of the array starting at arr, or JSON_NONE. */
static size_t json_array_item(const char *t, size_t len, size_t arr, size_t k)
{
    size_t i = json_skip_ws(t, len, arr + 1);

    if (i >= len || t[i] == ']')
        return JSON_NONE;
    for (size_t index = 0;; index++) {
        i = json_skip_ws(t, len, i);
        if (index == k)
            return i < len ? i : JSON_NONE;
        i = json_skip_ws(t, len, json_skip_value(t, len, i));
        if (i >= len || t[i] != ',')
            return JSON_NONE;
        i++;
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the four hex digits at hex; -1 when one is not a hex digit. */
static int hex4(const char *hex)
{
    int code = 0;

    for (size_t k = 0; k < 4; k++) {
        int digit = hex_value(hex[k]);
        if (digit < 0)
            return -1;
        code = code * 16 + digit;
    }
    return code;
}

/* Decodes the escape at raw[0] == '\\' into *out; returns bytes read (0: not ASCII or bad).
 * Keys we look for are ASCII, so a \u escape above 0x7f can never match one. */
static size_t json_unescape_ascii(char *out, const char *raw, size_t avail)
{
    static const char simple_in[] = "\"\\/bfnrt";
    static const char simple_out[] = "\"\\/\b\f\n\r\t";
    const char *hit = avail >= 2 ? strchr(simple_in, raw[1]) : NULL;
    int code;

    if (hit != NULL && *hit != '\0') {
        *out = simple_out[hit - simple_in];
        return 2;
    }
    if (avail < 6 || raw[1] != 'u')
        return 0;
    code = hex4(raw + 2);
    if (code < 0 || code > 0x7f)
        return 0;
    *out = (char)code;
    return 6;
}

/* Nonzero when the raw JSON string body raw[0..n) decodes to key. Like cJSON's strcmp, a
 * decoded NUL ends the key. */
static int json_key_equals(const char *raw, size_t n, const char *key)
{
    size_t i = 0;
    size_t k = 0;

    while (i < n) {
        char c = raw[i];
        size_t used = 1;
        if (c == '\\')
            used = json_unescape_ascii(&c, raw + i, n - i);
        if (used == 0)
            return 0;
        if (c == '\0')
            return key[k] == '\0';
        if (c != key[k])
            return 0;
        i += used;
        k++;
    }
    return key[k] == '\0';
}

/* Parses `"name" :` at i; sets *matched when name is key and returns the offset of the
 * member's value, or JSON_NONE. */
static size_t json_member(int *matched, const char *t, size_t len, size_t i, const char *key)
{
    size_t start = json_skip_ws(t, len, i);
    size_t end;

    if (start >= len || t[start] != '"')
        return JSON_NONE;
    end = json_skip_string(t, len, start);
    *matched = end - start >= 2 && json_key_equals(t + start + 1, end - start - 2, key);
    i = json_skip_ws(t, len, end);
    if (i >= len || t[i] != ':')
        return JSON_NONE;
    return json_skip_ws(t, len, i + 1);
}

/* Offset of the value of the first member named key in the object at obj, or JSON_NONE
 * (cJSON_GetObjectItemCaseSensitive also returns the first of duplicate keys). */
static size_t json_object_value(const char *t, size_t len, size_t obj, const char *key)
{
    size_t i = obj + 1;

    for (;;) {
        int match = 0;
        size_t value = json_member(&match, t, len, i, key);
        if (value >= len)
            return JSON_NONE;
        if (match)
            return value;
        i = json_skip_ws(t, len, json_skip_value(t, len, value));
        if (i >= len || t[i] != ',')
            return JSON_NONE;
        i++;
    }
}

/* Offset of the top-level value, after an optional UTF-8 byte-order mark (cJSON skips it). */
static size_t json_top(const char *t, size_t len)
{
    size_t i = 0;

    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    return json_skip_ws(t, len, i);
}

/* Offset of member key of the object at obj, or of element elem of that member when elem
 * is not JSON_NONE; falls back to the closest enclosing value found. */
static size_t json_locate_member(const char *t, size_t len, size_t obj, const char *key,
                                 size_t elem)
{
    size_t value;
    size_t item;

    if (t[obj] != '{')
        return obj;
    value = json_object_value(t, len, obj, key);
    if (value == JSON_NONE)
        return obj;
    if (elem == JSON_NONE || t[value] != '[')
        return value;
    item = json_array_item(t, len, value, elem);
    return item != JSON_NONE ? item : value;
}

/* Offset of top-level entry, or of its member key when key is not NULL (see
 * json_locate_member); the top-level value itself when it is not an array. */
static size_t json_locate(const char *t, size_t len, size_t entry, const char *key, size_t elem)
{
    size_t top = json_top(t, len);
    size_t at;

    if (top >= len)
        return JSON_NONE;
    if (t[top] != '[')
        return top;
    at = json_array_item(t, len, top, entry);
    if (at == JSON_NONE || key == NULL)
        return at;
    return json_locate_member(t, len, at, key, elem);
}

/* ---- loading ------------------------------------------------------------------------------ */

struct load_ctx {
    const char *path; /* the JSON file, as diagnostics name it */
    const char *text; /* its contents */
    size_t len;
    char *base_dir; /* owned; absolute directory of the JSON file */
    struct ecg_diag *diag;
};

/* Records a parse error at the position json_locate finds; always returns ECG_EPARSE. */
static int entry_error(const struct load_ctx *ctx, size_t entry, const char *key, size_t elem,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int entry_error(const struct load_ctx *ctx, size_t entry, const char *key, size_t elem,
                       const char *fmt, ...)
{
    size_t at = json_locate(ctx->text, ctx->len, entry, key, elem);
    unsigned line = 0;
    unsigned col = 0;
    char message[ECG_DIAG_MESSAGE_MAX];
    va_list ap;

    if (at != JSON_NONE)
        ecg_fileio_position(&line, &col, ctx->text, at);
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    ecg_diag_set(ctx->diag, ctx->path, line, col, "%s", message);
    return ECG_EPARSE;
}

/* The process's working directory, for a relative path to compile_commands.json. */
static int current_dir(char **out, struct ecg_diag *diag)
{
    size_t size = 256;

    for (;;) {
        char *buf = malloc(size);
        if (buf == NULL)
            return ECG_ENOMEM;
        if (getcwd(buf, size) != NULL) {
            *out = buf;
            return 0;
        }
        free(buf);
        if (errno != ERANGE) {
            ecg_diag_set(diag, NULL, 0, 0, "cannot determine the current directory: %s",
                         strerror(errno));
            return ECG_EIO;
        }
        size *= 2;
    }
}

/* Sets *out to the absolute, normalised directory that holds the file at path. */
static int json_file_dir(char **out, const char *path, struct ecg_diag *diag)
{
    char *cwd = NULL;
    char *dir;
    char *slash;
    int rc = 0;

    if (path[0] != '/')
        rc = current_dir(&cwd, diag);
    if (rc != 0)
        return rc;
    dir = ecg_compdb_normalize_path(cwd, path);
    free(cwd);
    if (dir == NULL)
        return ECG_ENOMEM;
    slash = strrchr(dir, '/'); /* dir is absolute, so there is one */
    if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    *out = dir;
    return 0;
}

/* Sets *out to the string member key (borrowed), NULL when absent and not required. */
static int member_string(const char **out, const struct load_ctx *ctx, const cJSON *entry,
                         size_t index, const char *key, int required)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(entry, key);

    if (item == NULL && required)
        return entry_error(ctx, index, NULL, JSON_NONE, "entry %zu: missing \"%s\"", index + 1,
                           key);
    if (item != NULL && !cJSON_IsString(item))
        return entry_error(ctx, index, key, JSON_NONE, "entry %zu: \"%s\" must be a string",
                           index + 1, key);
    *out = item != NULL ? item->valuestring : NULL;
    return 0;
}

static int argv_from_array(struct ecg_strvec *argv, const struct load_ctx *ctx, const cJSON *array,
                           size_t index)
{
    size_t k = 0;
    const cJSON *word;
    int rc;

    if (!cJSON_IsArray(array))
        return entry_error(ctx, index, "arguments", JSON_NONE,
                           "entry %zu: \"arguments\" must be an array of strings", index + 1);
    if (cJSON_GetArraySize(array) == 0)
        return entry_error(ctx, index, "arguments", JSON_NONE,
                           "entry %zu: \"arguments\" is empty; it must name the compiler",
                           index + 1);
    for (word = array->child; word != NULL; word = word->next) {
        if (!cJSON_IsString(word))
            return entry_error(ctx, index, "arguments", k,
                               "entry %zu: \"arguments\"[%zu] must be a string", index + 1, k);
        rc = ecg_strvec_push(argv, word->valuestring);
        if (rc != 0)
            return rc;
        k++;
    }
    return 0;
}

static int argv_from_command(struct ecg_strvec *argv, const struct load_ctx *ctx,
                             const char *command, size_t index)
{
    struct ecg_diag split_diag;
    int rc;

    ecg_diag_clear(&split_diag);
    rc = ecg_args_split(argv, command, ctx->path, &split_diag);
    if (rc == ECG_EPARSE)
        return entry_error(ctx, index, "command", JSON_NONE,
                           "entry %zu: \"command\": %s (line %u, column %u of the command)",
                           index + 1, split_diag.message, split_diag.line, split_diag.col);
    if (rc == 0 && argv->len == 0)
        return entry_error(ctx, index, "command", JSON_NONE,
                           "entry %zu: \"command\" is empty; it must name the compiler", index + 1);
    return rc;
}

/* Fills argv from "arguments" (preferred, as clang's JSONCompilationDatabase does) or from
 * "command". The caller owns argv, on failure too. */
static int entry_argv(struct ecg_strvec *argv, const struct load_ctx *ctx, const cJSON *entry,
                      size_t index)
{
    const cJSON *arguments = cJSON_GetObjectItemCaseSensitive(entry, "arguments");
    const char *command = NULL;
    int rc = member_string(&command, ctx, entry, index, "command", 0);

    if (rc != 0)
        return rc;
    if (arguments != NULL)
        return argv_from_array(argv, ctx, arguments, index);
    if (command != NULL)
        return argv_from_command(argv, ctx, command, index);
    return entry_error(ctx, index, NULL, JSON_NONE,
                       "entry %zu: needs \"arguments\" (an array) or \"command\" (a string)",
                       index + 1);
}

/* Checks the members every entry needs; sets *out_directory and *out_file (borrowed). */
static int entry_fields(const char **out_directory, const char **out_file,
                        const struct load_ctx *ctx, const cJSON *entry, size_t index)
{
    const char *directory = NULL;
    const char *file = NULL;
    const char *output = NULL;
    int rc;

    if (!cJSON_IsObject(entry))
        return entry_error(ctx, index, NULL, JSON_NONE,
                           "entry %zu: expected an object with \"directory\", \"file\" and "
                           "\"arguments\" or \"command\"",
                           index + 1);
    rc = member_string(&directory, ctx, entry, index, "directory", 1);
    if (rc == 0)
        rc = member_string(&file, ctx, entry, index, "file", 1);
    if (rc == 0)
        rc = member_string(&output, ctx, entry, index, "output", 0);
    if (rc != 0)
        return rc;
    if (file[0] == '\0')
        return entry_error(ctx, index, "file", JSON_NONE, "entry %zu: \"file\" is empty",
                           index + 1);
    *out_directory = directory;
    *out_file = file;
    return 0;
}

/* Validates entry and fills cmd (zeroed by the caller, released by it on failure). */
static int load_entry(struct ecg_compile_command *cmd, const struct load_ctx *ctx,
                      const cJSON *entry, size_t index)
{
    const char *directory = NULL;
    const char *file = NULL;
    int rc = entry_fields(&directory, &file, ctx, entry, index);

    if (rc == 0)
        rc = entry_argv(&cmd->argv, ctx, entry, index);
    if (rc != 0)
        return rc;
    cmd->directory = ecg_compdb_normalize_path(ctx->base_dir, directory);
    if (cmd->directory == NULL)
        return ECG_ENOMEM;
    cmd->file = ecg_compdb_normalize_path(cmd->directory, file);
    return cmd->file != NULL ? 0 : ECG_ENOMEM;
}

static void command_fini(struct ecg_compile_command *cmd)
{
    free(cmd->directory);
    free(cmd->file);
    ecg_strvec_fini(&cmd->argv);
}

static int load_entries(struct ecg_compdb *db, const struct load_ctx *ctx, const cJSON *root)
{
    size_t n = (size_t)cJSON_GetArraySize(root);
    const cJSON *entry;
    int rc;

    if (n == 0)
        return 0;
    db->commands = calloc(n, sizeof(*db->commands));
    if (db->commands == NULL)
        return ECG_ENOMEM;
    for (entry = root->child; entry != NULL; entry = entry->next) {
        struct ecg_compile_command *cmd = &db->commands[db->n_commands];
        ecg_strvec_init(&cmd->argv);
        rc = load_entry(cmd, ctx, entry, db->n_commands);
        if (rc != 0) {
            command_fini(cmd);
            return rc;
        }
        db->n_commands++;
    }
    return 0;
}

static int build_db(struct ecg_compdb **out, const struct load_ctx *ctx, const cJSON *root)
{
    struct ecg_compdb *db;
    int rc;

    if (!cJSON_IsArray(root))
        return entry_error(ctx, JSON_NONE, NULL, JSON_NONE,
                           "expected an array of compile commands at the top level");
    db = calloc(1, sizeof(*db));
    if (db == NULL)
        return ECG_ENOMEM;
    db->path = strdup(ctx->path);
    rc = db->path != NULL ? load_entries(db, ctx, root) : ECG_ENOMEM;
    if (rc != 0) {
        ecg_compdb_free(db);
        return rc;
    }
    *out = db;
    return 0;
}

int ecg_compdb_load_file(struct ecg_compdb **out, const char *path, struct ecg_diag *diag)
{
    struct load_ctx ctx = {.path = path, .diag = diag};
    char *text = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    int rc = ecg_fileio_read(&text, &len, path, diag);

    if (rc != 0)
        return rc;
    ctx.text = text;
    ctx.len = len;
    rc = ecg_fileio_parse_json(&root, text, len, path, diag);
    if (rc == 0)
        rc = json_file_dir(&ctx.base_dir, path, diag);
    if (rc == 0)
        rc = build_db(out, &ctx, root);
    cJSON_Delete(root);
    free(ctx.base_dir);
    free(text);
    return rc;
}

int ecg_compdb_load(struct ecg_compdb **out, const char *build_dir, struct ecg_diag *diag)
{
    static const char name[] = "compile_commands.json";
    size_t dir_len = strlen(build_dir);
    struct stat st;
    char *path;
    int rc;

    while (dir_len > 1 && build_dir[dir_len - 1] == '/')
        dir_len--;
    path = malloc(dir_len + 1 + sizeof(name));
    if (path == NULL)
        return ECG_ENOMEM;
    memcpy(path, build_dir, dir_len);
    if (dir_len > 0 && build_dir[dir_len - 1] != '/')
        path[dir_len++] = '/';
    memcpy(path + dir_len, name, sizeof(name));
    if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
        ecg_diag_set(diag, NULL, 0, 0,
                     "no compile_commands.json in '%s' (generate one with cmake "
                     "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON or bear)",
                     build_dir);
        free(path);
        return ECG_EIO;
    }
    rc = ecg_compdb_load_file(out, path, diag);
    free(path);
    return rc;
}

void ecg_compdb_free(struct ecg_compdb *db)
{
    if (db == NULL)
        return;
    for (size_t i = 0; i < db->n_commands; i++)
        command_fini(&db->commands[i]);
    free(db->commands);
    free(db->path);
    free(db);
}
