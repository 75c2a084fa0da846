/* Rebuilding a member's declarator as text: from its own tokens without the ECG_*
 * annotations (so typedef names and spelling stay as written), or from clang's spelling of
 * its type when the tokens cannot serve (a macro of the input, a shared declaration). */
#include "codegen/read_decl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/error.h"
#include "analyzer/strvec.h"
#include "codegen/text.h"

/* The text of a CXString, "" when libclang gives none. */
static const char *cx_text(CXString s)
{
    const char *t = clang_getCString(s);

    return t != NULL ? t : "";
}

static int vec_contains(const struct ecg_strvec *v, const char *s)
{
    for (size_t i = 0; i < v->len; i++) {
        if (strcmp(v->items[i], s) == 0)
            return 1;
    }
    return 0;
}

static int is_word(CXTokenKind kind)
{
    return kind == CXToken_Identifier || kind == CXToken_Keyword || kind == CXToken_Literal;
}

/* Whether a space goes between the previous token and this one. */
static int needs_space(CXTokenKind prev_kind, const char *prev, CXTokenKind kind, const char *s)
{
    if (prev[0] == '\0')
        return 0;
    if (is_word(kind) && (is_word(prev_kind) || strcmp(prev, ")") == 0 || strcmp(prev, "]") == 0))
        return 1;
    if (strcmp(s, "*") == 0 && (is_word(prev_kind) || strcmp(prev, ")") == 0))
        return 1;
    return strcmp(prev, ",") == 0;
}

/* The tokens of an annotation macro to leave out: ECG_HOT, ECG_COLD, or ECG_WRITER and
 * __attribute__ with their parenthesised arguments. Returns how many tokens to skip. */
static unsigned annotation_tokens(CXTranslationUnit tu, const CXToken *tok, unsigned i, unsigned n)
{
    CXString s = clang_getTokenSpelling(tu, tok[i]);
    const char *t = cx_text(s);
    int bare = strcmp(t, "ECG_HOT") == 0 || strcmp(t, "ECG_COLD") == 0;
    int call = strcmp(t, "ECG_WRITER") == 0 || strcmp(t, "__attribute__") == 0;
    unsigned j = i + 1, depth = 0;

    clang_disposeString(s);
    if (bare || !call)
        return bare ? 1 : 0;
    for (; j < n; j++) {
        CXString p = clang_getTokenSpelling(tu, tok[j]);
        const char *q = cx_text(p);
        depth += strcmp(q, "(") == 0;
        depth -= strcmp(q, ")") == 0 && depth > 0;
        clang_disposeString(p);
        if (depth == 0)
            break;
    }
    return j + 1 - i;
}

/* The state of joining a declarator's tokens back into text. */
struct joiner {
    char prev[64];
    CXTokenKind prev_kind;
    int depth;
    int named;
};

/* Appends one token t; returns 0 to go on, 1 at the end of a usable declarator, -1 when the
 * declarator is shared with other members or names a macro of the input. */
static int join_token(struct gen_text *out, struct joiner *j, const struct ecg_strvec *macros,
                      CXTokenKind kind, const char *t)
{
    j->depth += strcmp(t, "(") == 0 || strcmp(t, "[") == 0;
    j->depth -= strcmp(t, ")") == 0 || strcmp(t, "]") == 0;
    if (strcmp(t, ";") == 0)
        return 1;
    if ((j->depth == 0 && strcmp(t, ",") == 0) ||
        (kind == CXToken_Identifier && vec_contains(macros, t)))
        return -1;
    if (needs_space(j->prev_kind, j->prev, kind, t))
        gen_text_puts(out, " ");
    gen_text_puts(out, t);
    snprintf(j->prev, sizeof(j->prev), "%s", t);
    j->prev_kind = kind;
    return 0;
}

/* Appends the tokens without annotations; returns 1 when they make a usable declarator of
 * name, 0 otherwise. */
static int append_tokens(struct gen_text *out, CXTranslationUnit tu,
                         const struct ecg_strvec *macros, const CXToken *tok, unsigned n,
                         const char *name)
{
    struct joiner j = { "", CXToken_Punctuation, 0, 0 };
    int state = 0;

    for (unsigned i = 0; state == 0 && i < n; i++) {
        unsigned skip = annotation_tokens(tu, tok, i, n);
        CXString s;
        if (skip > 0) {
            i += skip - 1;
            continue;
        }
        s = clang_getTokenSpelling(tu, tok[i]);
        j.named |= strcmp(cx_text(s), name) == 0;
        state = join_token(out, &j, macros, clang_getTokenKind(tok[i]), cx_text(s));
        clang_disposeString(s);
    }
    return state >= 0 && j.named;
}

/* The member's extent in file terms: an annotation macro at its start makes libclang's own
 * extent begin inside the macro, where it yields no tokens. */
static CXSourceRange file_extent(CXTranslationUnit tu, CXCursor c)
{
    CXSourceRange range = clang_getCursorExtent(c);
    CXFile file, end_file;
    unsigned begin, end;

    clang_getExpansionLocation(clang_getRangeStart(range), &file, NULL, NULL, &begin);
    clang_getExpansionLocation(clang_getRangeEnd(range), &end_file, NULL, NULL, &end);
    if (!clang_File_isEqual(file, end_file) || end < begin)
        return clang_getNullRange();
    return clang_getRange(clang_getLocationForOffset(tu, file, begin),
                          clang_getLocationForOffset(tu, file, end));
}

int gen_read_decl_from_tokens(char **out, CXTranslationUnit tu, CXCursor c, const char *name,
                              const struct ecg_strvec *macros)
{
    struct gen_text text = { NULL, 0, 0, 0 };
    CXToken *tokens = NULL;
    unsigned n = 0;
    CXSourceLocation loc = clang_getCursorLocation(c);
    CXFile file, spelled;
    unsigned offset, spelled_offset;
    int usable;

    *out = NULL;
    clang_getExpansionLocation(loc, &file, NULL, NULL, &offset);
    clang_getSpellingLocation(loc, &spelled, NULL, NULL, &spelled_offset);
    if (!clang_File_isEqual(file, spelled) || offset != spelled_offset)
        return 0; /* written by a macro: its tokens are the macro's */
    clang_tokenize(tu, file_extent(tu, c), &tokens, &n);
    usable = append_tokens(&text, tu, macros, tokens, n, name);
    if (tokens != NULL)
        clang_disposeTokens(tu, tokens, n);
    if (gen_text_status(&text) != 0) {
        gen_text_fini(&text);
        return ECG_ENOMEM;
    }
    if (usable && text.data != NULL)
        *out = text.data;
    else
        gen_text_fini(&text);
    return 0;
}

/* Where the name goes in clang's spelling t of a type: inside "(*" for function pointers,
 * before the first '[' for arrays, else after the type. *out_head is the length of the part
 * before the name, *out_tail what follows it, *out_glued whether no space goes before it. */
static void name_position(size_t *out_head, const char **out_tail, int *out_glued, const char *t)
{
    const char *fn = strstr(t, "(*");
    const char *at;
    size_t head;

    if (fn != NULL) {
        at = fn + 1 + strspn(fn + 1, "*");
        *out_head = (size_t)(at - t);
        *out_tail = at;
        *out_glued = 1;
        return;
    }
    at = strchr(t, '[');
    head = at != NULL ? (size_t)(at - t) : strlen(t);
    while (head > 0 && t[head - 1] == ' ')
        head--;
    *out_head = head;
    *out_tail = at != NULL ? at : "";
    *out_glued = head > 0 && t[head - 1] == '*';
}

int gen_read_decl_from_type(char **out, CXType type, const char *name)
{
    CXString spelled = clang_getTypeSpelling(type);
    const char *t = cx_text(spelled);
    struct gen_text text = { NULL, 0, 0, 0 };
    const char *tail;
    size_t head;
    int glued;

    name_position(&head, &tail, &glued, t);
    gen_text_printf(&text, "%.*s%s%s%s", (int)head, t, glued ? "" : " ", name, tail);
    clang_disposeString(spelled);
    if (gen_text_status(&text) != 0) {
        gen_text_fini(&text);
        return ECG_ENOMEM;
    }
    *out = text.data;
    return 0;
}
