/* Whole-file reads, positioned JSON errors and atomic writes; see fileio.h. */
#include "analyzer/fileio.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"

static int read_stream(char **out, size_t *out_len, FILE *f, const char *path,
                       struct ecg_diag *diag)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);

    while (buf != NULL) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0)
            break;
        if (len + 1 == cap) {
            char *grown = realloc(buf, cap * 2);
            if (grown == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    if (buf == NULL)
        return ECG_ENOMEM;
    if (ferror(f)) {
        ecg_diag_set(diag, path, 0, 0, "cannot read: %s", strerror(errno));
        free(buf);
        return ECG_EIO;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}

int ecg_fileio_read(char **out, size_t *out_len, const char *path, struct ecg_diag *diag)
{
    struct stat st;
    FILE *f;
    int rc;

    if (stat(path, &st) != 0) {
        ecg_diag_set(diag, path, 0, 0, "cannot open: %s", strerror(errno));
        return ECG_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        ecg_diag_set(diag, path, 0, 0, "is a directory, not a file");
        return ECG_EIO;
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        ecg_diag_set(diag, path, 0, 0, "cannot open: %s", strerror(errno));
        return ECG_EIO;
    }
    rc = read_stream(out, out_len, f, path, diag);
    fclose(f);
    return rc;
}

void ecg_fileio_position(unsigned *out_line, unsigned *out_col, const char *text, size_t offset)
{
    unsigned line = 1, col = 1;

    for (size_t i = 0; i < offset && text[i] != '\0'; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    *out_line = line;
    *out_col = col;
}

/* How much of the text at p an error quotes: the rest of its line, at most 20 bytes. */
static int quote_len(const char *p)
{
    size_t n = strcspn(p, "\r\n");

    return n < 20 ? (int)n : 20;
}

/* Records why cJSON rejected text; end is where it stopped (NULL or outside text when it
 * could not say, such as when memory ran out). Returns ECG_EPARSE. */
static int fail_parse(const char *text, size_t len, const char *end, const char *origin,
                      struct ecg_diag *diag)
{
    unsigned line, col;

    if (end == NULL || end < text || end > text + len) {
        ecg_diag_set(diag, origin, 0, 0, "invalid JSON (or out of memory)");
        return ECG_EPARSE;
    }
    ecg_fileio_position(&line, &col, text, (size_t)(end - text));
    if ((size_t)(end - text) >= len)
        ecg_diag_set(diag, origin, line, col, "invalid JSON: unexpected end of input");
    else
        ecg_diag_set(diag, origin, line, col, "invalid JSON near '%.*s'", quote_len(end), end);
    return ECG_EPARSE;
}

static const char *skip_blanks(const char *p, const char *limit)
{
    while (p != NULL && p < limit && isspace((unsigned char)*p))
        p++;
    return p;
}

int ecg_fileio_parse_json(struct cJSON **out, const char *text, size_t len, const char *origin,
                          struct ecg_diag *diag)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    unsigned line, col;

    if (root == NULL)
        return fail_parse(text, len, end, origin, diag);
    /* Only blanks may follow the value; cJSON's own check needs the NUL inside len. */
    end = skip_blanks(end, text + len);
    if (end == text + len) {
        *out = root;
        return 0;
    }
    cJSON_Delete(root);
    ecg_fileio_position(&line, &col, text, (size_t)(end - text));
    ecg_diag_set(diag, origin, line, col, "invalid JSON: unexpected text after the value");
    return ECG_EPARSE;
}

int ecg_fileio_read_json(struct cJSON **out, const char *path, struct ecg_diag *diag)
{
    char *text = NULL;
    size_t len = 0;
    int rc = ecg_fileio_read(&text, &len, path, diag);

    if (rc != 0)
        return rc;
    rc = ecg_fileio_parse_json(out, text, len, path, diag);
    free(text);
    return rc;
}

int ecg_fileio_is_binary(const char *text, size_t len)
{
    size_t n = len < 8192 ? len : 8192;
    return memchr(text, '\0', n) != NULL;
}

/* A device, FIFO or socket (/dev/null, /dev/stdout, a pipe) is written in place: renaming
 * a temporary file over it would replace the device node with a regular file. */
static int open_in_place(struct ecg_atomic_file *file, const char *path, struct ecg_diag *diag)
{
    file->stream = fopen(path, "wb");
    if (file->stream == NULL) {
        ecg_diag_set(diag, path, 0, 0, "cannot open output: %s", strerror(errno));
        ecg_fileio_atomic_abort(file);
        return ECG_EIO;
    }
    return 0;
}

/* The file a path names, through symbolic links, so that the rename replaces the target
 * and leaves the link in place. A path that does not exist yet is used as it is. */
static char *resolve_target(const char *path)
{
    char *real = realpath(path, NULL);

    return real != NULL ? real : strdup(path);
}

static int open_temporary(struct ecg_atomic_file *file, struct ecg_diag *diag)
{
    size_t n = strlen(file->final_path) + sizeof(".tmp.XXXXXX");
    int fd;

    file->temp_path = malloc(n);
    if (file->temp_path == NULL) {
        ecg_fileio_atomic_abort(file);
        return ECG_ENOMEM;
    }
    snprintf(file->temp_path, n, "%s.tmp.XXXXXX", file->final_path);
    fd = mkstemp(file->temp_path);
    if (fd < 0) {
        ecg_diag_set(diag, file->final_path, 0, 0, "cannot create output file: %s",
                     strerror(errno));
        free(file->temp_path);
        file->temp_path = NULL;
        ecg_fileio_atomic_abort(file);
        return ECG_EIO;
    }
    fchmod(fd, 0644);
    file->stream = fdopen(fd, "wb");
    if (file->stream == NULL) {
        close(fd);
        ecg_fileio_atomic_abort(file);
        return ECG_ENOMEM;
    }
    return 0;
}

int ecg_fileio_atomic_open(struct ecg_atomic_file *file, const char *path, struct ecg_diag *diag)
{
    struct stat st;

    memset(file, 0, sizeof(*file));
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return open_in_place(file, path, diag);
    file->final_path = resolve_target(path);
    if (file->final_path == NULL)
        return ECG_ENOMEM;
    return open_temporary(file, diag);
}

int ecg_fileio_atomic_commit(struct ecg_atomic_file *file, struct ecg_diag *diag)
{
    int failed = fflush(file->stream) != 0 || ferror(file->stream);
    int saved = errno;

    failed |= fclose(file->stream) != 0;
    file->stream = NULL;
    if (file->temp_path == NULL) { /* written in place */
        memset(file, 0, sizeof(*file));
        if (!failed)
            return 0;
        ecg_diag_set(diag, NULL, 0, 0, "cannot write the output: %s", strerror(saved));
        return ECG_EIO;
    }
    if (!failed && rename(file->temp_path, file->final_path) == 0) {
        free(file->temp_path);
        free(file->final_path);
        memset(file, 0, sizeof(*file));
        return 0;
    }
    if (!failed)
        saved = errno;
    ecg_diag_set(diag, file->final_path, 0, 0, "cannot write output file: %s", strerror(saved));
    ecg_fileio_atomic_abort(file);
    return ECG_EIO;
}

void ecg_fileio_atomic_abort(struct ecg_atomic_file *file)
{
    if (file->stream != NULL)
        fclose(file->stream);
    if (file->temp_path != NULL)
        unlink(file->temp_path);
    free(file->temp_path);
    free(file->final_path);
    memset(file, 0, sizeof(*file));
}
