/* Loading compile_commands.json into absolute, normalised compile commands. cJSON keeps no
 * source positions, so a bad entry is located with ecg_jsonpos_locate by the child indices
 * of the entry, its member and the member's element (cJSON keeps children in text order). */
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
#include "analyzer/jsonpos.h"
#include "analyzer/path.h"

#define NO_INDEX SIZE_MAX /* "no such entry, member or element" */

struct load_ctx {
    const char *path; /* the JSON file, as diagnostics name it */
    const char *text; /* its contents */
    size_t len;
    const cJSON *root; /* text, parsed */
    char *base_dir;    /* owned; absolute directory of the JSON file */
    struct ecg_diag *diag;
};

/* Child index of the first member named key (the one cJSON_GetObjectItemCaseSensitive
 * returns), or NO_INDEX. */
static size_t member_index(const cJSON *object, const char *key)
{
    const cJSON *item = object != NULL ? object->child : NULL;

    for (size_t index = 0; item != NULL; index++) {
        if (item->string != NULL && strcmp(item->string, key) == 0)
            return index;
        item = item->next;
    }
    return NO_INDEX;
}

/* Fills path with the child indices of top-level entry, its member key and element elem of
 * that member, each left out (with what follows) when NO_INDEX or NULL; returns the depth. */
static size_t json_path(size_t path[3], const cJSON *root, size_t entry, const char *key,
                        size_t elem)
{
    size_t member;

    if (entry == NO_INDEX)
        return 0;
    path[0] = entry;
    if (key == NULL)
        return 1;
    member = member_index(cJSON_GetArrayItem(root, (int)entry), key);
    if (member == NO_INDEX)
        return 1;
    path[1] = member;
    if (elem == NO_INDEX)
        return 2;
    path[2] = elem;
    return 3;
}

/* Records a parse error at the value json_path names; always returns ECG_EPARSE. */
static int entry_error(const struct load_ctx *ctx, size_t entry, const char *key, size_t elem,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int entry_error(const struct load_ctx *ctx, size_t entry, const char *key, size_t elem,
                       const char *fmt, ...)
{
    size_t path[3];
    size_t depth = json_path(path, ctx->root, entry, key, elem);
    size_t at = ecg_jsonpos_locate(ctx->text, ctx->len, path, depth, 0);
    unsigned line = 0;
    unsigned col = 0;
    char message[ECG_DIAG_MESSAGE_MAX];
    va_list ap;

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
    int rc = 0;

    if (path[0] != '/')
        rc = current_dir(&cwd, diag);
    if (rc != 0)
        return rc;
    dir = ecg_path_absolute(cwd, path); /* path is absolute, or cwd is */
    free(cwd);
    if (dir == NULL)
        return ECG_ENOMEM;
    ecg_path_parent(dir);
    *out = dir;
    return 0;
}

/* Sets *out to the string member key (borrowed), NULL when absent and not required. */
static int member_string(const char **out, const struct load_ctx *ctx, const cJSON *entry,
                         size_t index, const char *key, int required)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(entry, key);

    if (item == NULL && required)
        return entry_error(ctx, index, NULL, NO_INDEX, "entry %zu: missing \"%s\"", index + 1, key);
    if (item != NULL && !cJSON_IsString(item))
        return entry_error(ctx, index, key, NO_INDEX, "entry %zu: \"%s\" must be a string",
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
        return entry_error(ctx, index, "arguments", NO_INDEX,
                           "entry %zu: \"arguments\" must be an array of strings", index + 1);
    if (cJSON_GetArraySize(array) == 0)
        return entry_error(ctx, index, "arguments", NO_INDEX,
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
        return entry_error(ctx, index, "command", NO_INDEX,
                           "entry %zu: \"command\": %s (line %u, column %u of the command)",
                           index + 1, split_diag.message, split_diag.line, split_diag.col);
    if (rc == 0 && argv->len == 0)
        return entry_error(ctx, index, "command", NO_INDEX,
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
    return entry_error(ctx, index, NULL, NO_INDEX,
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
        return entry_error(ctx, index, NULL, NO_INDEX,
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
        return entry_error(ctx, index, "file", NO_INDEX, "entry %zu: \"file\" is empty", index + 1);
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
    cmd->directory = ecg_path_absolute(ctx->base_dir, directory);
    if (cmd->directory == NULL)
        return ECG_ENOMEM;
    cmd->file = ecg_path_absolute(cmd->directory, file);
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
        return entry_error(ctx, NO_INDEX, NULL, NO_INDEX,
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
    struct load_ctx ctx = { .path = path, .diag = diag };
    char *text = NULL;
    size_t len = 0;
    cJSON *root = NULL;
    int rc = ecg_fileio_read(&text, &len, path, diag);

    if (rc != 0)
        return rc;
    ctx.text = text;
    ctx.len = len;
    rc = ecg_fileio_parse_json(&root, text, len, path, diag);
    ctx.root = root;
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
