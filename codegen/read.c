/* libclang reader for ecg gen. Two passes over the main file: first its #include lines and
 * macro names, then its annotated struct definitions, whose members are checked one by one
 * (codegen/read_decl.c rebuilds their declarators). */
#include "codegen/read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/diag.h"
#include "analyzer/error.h"
#include "analyzer/parse.h"
#include "analyzer/strvec.h"
#include "codegen/annot.h"
#include "codegen/read_decl.h"

#define GENERATE_PREFIX "ecg:generate:"
#define WRITER_PREFIX "ecg:writer:"
#define PAD_PREFIX "ecg_pad"

struct reader {
    CXTranslationUnit tu;
    const char *input;
    struct gen_read_result result;
    struct ecg_strvec includes; /* operands as written, "<stdint.h>" */
    struct ecg_strvec macros;   /* names #defined by the input itself */
    struct ecg_diag *diag;
    int rc;
};

/* What one struct's member visit gathers. */
struct member_visit {
    struct reader *r;
    struct gen_struct *s;
    size_t cap;
};

/* The text of a CXString, "" when libclang gives none. */
static const char *cx_text(CXString s)
{
    const char *t = clang_getCString(s);

    return t != NULL ? t : "";
}

static char *dup_cx(CXString text)
{
    char *copy = strdup(cx_text(text));

    clang_disposeString(text);
    return copy;
}

static int from_main(CXCursor c)
{
    return clang_Location_isFromMainFile(clang_getCursorLocation(c));
}

static void cursor_pos(unsigned *out_line, unsigned *out_col, CXCursor c)
{
    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, out_line, out_col, NULL);
}

static int refuse(struct reader *r, CXCursor at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records why the input is refused, at the cursor's position; returns ECG_EPARSE. */
static int refuse(struct reader *r, CXCursor at, const char *fmt, ...)
{
    char message[ECG_DIAG_MESSAGE_MAX];
    unsigned line, col;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    cursor_pos(&line, &col, at);
    ecg_diag_set(r->diag, r->input, line, col, "%s", message);
    return ECG_EPARSE;
}

static int vec_contains(const struct ecg_strvec *v, const char *s)
{
    for (size_t i = 0; i < v->len; i++) {
        if (strcmp(v->items[i], s) == 0)
            return 1;
    }
    return 0;
}

/* Copies the "<...>" or "\"...\"" operand within text[begin, end) into out; returns 1 when
 * there is one that fits. */
static int include_operand(char *out, size_t size, const char *text, unsigned begin, unsigned end)
{
    const char *open = memchr(text + begin, '<', end - begin);
    const char *close;

    if (open == NULL)
        open = memchr(text + begin, '"', end - begin);
    if (open == NULL)
        return 0;
    close = memchr(open + 1, *open == '<' ? '>' : '"', (size_t)(text + end - open - 1));
    if (close == NULL || (size_t)(close - open) + 2 > size)
        return 0;
    memcpy(out, open, (size_t)(close - open) + 1);
    out[close - open + 1] = '\0';
    return 1;
}

/* Records the operand of an #include as written ("<stdint.h>"), from the file's bytes. */
static int add_include(struct reader *r, CXCursor c)
{
    CXSourceRange range = clang_getCursorExtent(c);
    CXFile file;
    unsigned begin, end;
    size_t size = 0;
    const char *text;
    char operand[1024];

    clang_getExpansionLocation(clang_getRangeStart(range), &file, NULL, NULL, &begin);
    clang_getExpansionLocation(clang_getRangeEnd(range), NULL, NULL, NULL, &end);
    text = clang_getFileContents(r->tu, file, &size);
    if (text == NULL || end > size || begin >= end)
        return 0;
    if (!include_operand(operand, sizeof(operand), text, begin, end))
        return 0;
    if (strstr(operand, "ecg/annotate.h") != NULL || vec_contains(&r->includes, operand))
        return 0;
    return ecg_strvec_push(&r->includes, operand);
}

static enum CXChildVisitResult visit_preprocessing(CXCursor c, CXCursor parent, CXClientData data)
{
    struct reader *r = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    char *name;

    (void)parent;
    if (!from_main(c))
        return CXChildVisit_Continue;
    if (kind == CXCursor_InclusionDirective)
        r->rc = add_include(r, c);
    if (kind == CXCursor_MacroDefinition) {
        name = dup_cx(clang_getCursorSpelling(c));
        r->rc = name != NULL ? ecg_strvec_push_take(&r->macros, name) : ECG_ENOMEM;
    }
    return r->rc == 0 ? CXChildVisit_Continue : CXChildVisit_Break;
}

/* --- members --------------------------------------------------------------------------- */

/* The type as written, through pointers, arrays, _Atomic and elaboration; *via_pointer
 * tells whether a pointer was crossed. */
static CXType innermost_type(CXType t, int *via_pointer)
{
    *via_pointer = 0;
    for (int guard = 0; guard < 64; guard++) {
        if (t.kind == CXType_Pointer) {
            *via_pointer = 1;
            t = clang_getPointeeType(t);
        } else if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray) {
            t = clang_getArrayElementType(t);
        } else if (t.kind == CXType_Atomic) {
            t = clang_Type_getValueType(t);
        } else if (t.kind == CXType_Elaborated) {
            t = clang_Type_getNamedType(t);
        } else {
            break;
        }
    }
    return t;
}

/* Refuses a member whose type the generated header cannot name: a typedef, struct, union
 * or enum declared in the input itself (the generated header includes only its #includes). */
static int check_type_origin(struct reader *r, CXCursor c, const char *name)
{
    int via_pointer;
    CXType t = innermost_type(clang_getCursorType(c), &via_pointer);
    CXCursor decl = clang_getTypeDeclaration(t);
    CXString spelled;
    int rc;

    if (clang_Cursor_isNull(decl) || clang_getCursorKind(decl) == CXCursor_NoDeclFound ||
        !from_main(decl))
        return 0;
    if (t.kind != CXType_Typedef && via_pointer)
        return 0;
    spelled = clang_getTypeSpelling(t);
    rc = refuse(r, c,
                "member '%s' has type '%s', declared in this header; the generated header "
                "includes only this header's #includes, so declare it in an included header",
                name, cx_text(spelled));
    clang_disposeString(spelled);
    return rc;
}

static int apply_heat(struct reader *r, struct gen_member *m, CXCursor attr, enum gen_heat heat)
{
    if (m->heat != GEN_HEAT_WARM)
        return refuse(r, attr, "member '%s' is marked both ECG_HOT and ECG_COLD", m->name);
    m->heat = heat;
    return 0;
}

static int apply_writer(struct reader *r, struct gen_member *m, CXCursor attr, const char *name)
{
    if (m->writer != NULL || name[0] == '\0')
        return refuse(r, attr, "member '%s' needs exactly one ECG_WRITER(name)", m->name);
    m->writer = strdup(name);
    return m->writer != NULL ? 0 : ECG_ENOMEM;
}

/* Applies one annotate("...") text of a member; other tools' annotations are ignored. */
static int apply_annotation(struct reader *r, struct gen_member *m, CXCursor attr, const char *text)
{
    size_t writer_len = strlen(WRITER_PREFIX);

    if (strncmp(text, "ecg:", 4) != 0)
        return 0;
    if (strcmp(text, "ecg:hot") == 0)
        return apply_heat(r, m, attr, GEN_HEAT_HOT);
    if (strcmp(text, "ecg:cold") == 0)
        return apply_heat(r, m, attr, GEN_HEAT_COLD);
    if (strncmp(text, WRITER_PREFIX, writer_len) == 0)
        return apply_writer(r, m, attr, text + writer_len);
    return refuse(r, attr,
                  "unknown annotation '%s' on member '%s' (known on members: ECG_HOT, "
                  "ECG_COLD, ECG_WRITER)",
                  text, m->name);
}

/* Applies one attribute of a member: heat, writer, or a refusal. */
static int member_attribute(struct reader *r, struct gen_member *m, CXCursor attr)
{
    enum CXCursorKind kind = clang_getCursorKind(attr);
    CXString spelled;
    int rc;

    if (kind == CXCursor_AlignedAttr)
        return refuse(r, attr,
                      "member '%s' has its own alignment (_Alignas or aligned); use "
                      "layout(cache_aligned) or ECG_WRITER groups instead",
                      m->name);
    if (kind != CXCursor_AnnotateAttr)
        return 0;
    spelled = clang_getCursorSpelling(attr);
    rc = apply_annotation(r, m, attr, cx_text(spelled));
    clang_disposeString(spelled);
    return rc;
}

static enum CXChildVisitResult visit_member_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    struct member_visit *v = data;

    (void)parent;
    if (clang_isAttribute(clang_getCursorKind(c)))
        v->r->rc = member_attribute(v->r, &v->s->members[v->s->n_members - 1], c);
    return v->r->rc == 0 ? CXChildVisit_Continue : CXChildVisit_Break;
}

/* What makes a field impossible to lay out or to name; 0 when it is fine. */
static int check_field(struct reader *r, CXCursor c, const char *name)
{
    CXType type = clang_getCursorType(c);

    if (name[0] == '\0')
        return refuse(r, c, "unnamed member: ecg gen needs every member named");
    if (clang_Cursor_isBitField(c))
        return refuse(r, c,
                      "bit-field '%s' is not supported: bit-fields share storage units "
                      "that cannot be reordered; use an integer member and masks",
                      name);
    if (type.kind == CXType_IncompleteArray)
        return refuse(r, c,
                      "flexible array member '%s' is not supported: pooled and ring "
                      "objects have a fixed size",
                      name);
    if (clang_Type_getSizeOf(type) <= 0 || clang_Type_getAlignOf(type) <= 0)
        return refuse(r, c, "member '%s' has an incomplete or zero-size type", name);
    if (strncmp(name, PAD_PREFIX, strlen(PAD_PREFIX)) == 0)
        return refuse(r, c, "member name '%s' is reserved for the generator's padding", name);
    return check_type_origin(r, c, name);
}

static int grow_members(struct member_visit *v)
{
    struct gen_member *grown;
    size_t cap = v->cap != 0 ? v->cap * 2 : 8;

    if (v->s->n_members < v->cap)
        return 0;
    grown = realloc(v->s->members, cap * sizeof(*grown));
    if (grown == NULL)
        return ECG_ENOMEM;
    v->s->members = grown;
    v->cap = cap;
    return 0;
}

static int read_field(struct member_visit *v, CXCursor c)
{
    struct reader *r = v->r;
    struct gen_member *m;
    CXType type = clang_getCursorType(c);
    unsigned col;
    int rc = grow_members(v);

    if (rc != 0)
        return rc;
    m = &v->s->members[v->s->n_members];
    memset(m, 0, sizeof(*m));
    m->name = dup_cx(clang_getCursorSpelling(c));
    if (m->name == NULL)
        return ECG_ENOMEM;
    v->s->n_members++;
    rc = check_field(r, c, m->name);
    if (rc == 0)
        rc = gen_read_decl_from_tokens(&m->declaration, r->tu, c, m->name, &r->macros);
    if (rc == 0 && m->declaration == NULL)
        rc = gen_read_decl_from_type(&m->declaration, type, m->name);
    if (rc != 0)
        return rc;
    m->size = (size_t)clang_Type_getSizeOf(type);
    m->align = (size_t)clang_Type_getAlignOf(type);
    m->offset = (size_t)clang_Cursor_getOffsetOfField(c) / 8;
    m->is_atomic = strstr(m->declaration, "_Atomic") != NULL || type.kind == CXType_Atomic;
    cursor_pos(&m->line, &col, c);
    clang_visitChildren(c, visit_member_attr, v);
    return r->rc;
}

static enum CXChildVisitResult visit_member(CXCursor c, CXCursor parent, CXClientData data)
{
    struct member_visit *v = data;
    enum CXCursorKind kind = clang_getCursorKind(c);

    (void)parent;
    if (kind == CXCursor_FieldDecl)
        v->r->rc = read_field(v, c);
    else if (kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl)
        v->r->rc = refuse(v->r, c,
                          "a struct or union defined inside an annotated struct is not "
                          "supported; define it in an included header");
    return v->r->rc == 0 ? CXChildVisit_Continue : CXChildVisit_Break;
}

/* --- structs --------------------------------------------------------------------------- */

/* The struct-level annotations: the ECG_GENERATE text (owned; NULL when there is none) and
 * its attribute cursor. visit_struct_attr refuses other ecg annotations on the struct. */
struct struct_attrs {
    struct reader *r;
    char *text;
    CXCursor attr;
};

static enum CXChildVisitResult visit_struct_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    struct struct_attrs *a = data;
    CXString spelled;
    const char *t;

    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    spelled = clang_getCursorSpelling(c);
    t = cx_text(spelled);
    if (strncmp(t, GENERATE_PREFIX, strlen(GENERATE_PREFIX)) == 0 && a->text == NULL) {
        a->text = strdup(t + strlen(GENERATE_PREFIX));
        a->attr = c;
        a->r->rc = a->text != NULL ? 0 : ECG_ENOMEM;
    } else if (strncmp(t, "ecg:", 4) == 0) {
        a->r->rc = refuse(a->r, c,
                          "annotation '%s' does not apply to a struct (ECG_GENERATE "
                          "once per struct; ECG_HOT, ECG_COLD, ECG_WRITER go on members)",
                          t);
    }
    clang_disposeString(spelled);
    return a->r->rc == 0 ? CXChildVisit_Continue : CXChildVisit_Break;
}

static size_t skip_blanks(const char *src, size_t j, size_t size)
{
    while (j < size && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r'))
        j++;
    return j;
}

/* The source offset of byte at of the stringized ECG_GENERATE arguments text, walking the
 * arguments as written from start (just after "ECG_GENERATE"); (size_t)-1 when the two do not
 * line up (a comment or a macro among the arguments). */
static size_t walk_arguments(const char *src, size_t size, size_t start, const char *text,
                             size_t at)
{
    size_t j = skip_blanks(src, start, size);

    if (j >= size || src[j] != '(')
        return (size_t)-1;
    j++;
    for (size_t i = 0; i < at && text[i] != '\0'; i++) {
        j = skip_blanks(src, j, size);
        if (text[i] == ' ')
            continue;
        if (j >= size || src[j] != text[i])
            return (size_t)-1;
        j++;
    }
    return skip_blanks(src, j, size);
}

/* The line and column of byte at of the annotation text: exact when the arguments are written
 * plainly after ECG_GENERATE, else the position of the attribute. */
static void annotation_pos(unsigned *out_line, unsigned *out_col, const struct reader *r,
                           CXCursor attr, const char *text, size_t at)
{
    CXFile file;
    unsigned line, col, offset;
    size_t size = 0, j;
    const char *src;

    clang_getExpansionLocation(clang_getCursorLocation(attr), &file, &line, &col, &offset);
    *out_line = line;
    *out_col = col;
    src = file != NULL ? clang_getFileContents(r->tu, file, &size) : NULL;
    if (src == NULL || offset + 12 > size || memcmp(src + offset, "ECG_GENERATE", 12) != 0)
        return;
    j = walk_arguments(src, size, offset + 12, text, at);
    if (j == (size_t)-1)
        return;
    for (size_t k = offset; k < j; k++) {
        col = src[k] == '\n' ? 1 : col + 1;
        line += src[k] == '\n';
    }
    *out_line = line;
    *out_col = col;
}

static int parse_options(struct reader *r, struct gen_struct *s, const struct struct_attrs *a)
{
    struct gen_annot_error err;
    unsigned line, col;

    if (gen_annot_parse(&s->options, a->text, &err) == 0)
        return 0;
    annotation_pos(&line, &col, r, a->attr, a->text, err.offset);
    ecg_diag_set(r->diag, r->input, line, col, "ECG_GENERATE(%s): %s", a->text, err.message);
    return ECG_EPARSE;
}

static int copy_includes(struct gen_struct *s, const struct ecg_strvec *includes)
{
    s->includes = calloc(includes->len + 1, sizeof(char *));
    if (s->includes == NULL)
        return ECG_ENOMEM;
    for (size_t i = 0; i < includes->len; i++) {
        s->includes[i] = strdup(includes->items[i]);
        if (s->includes[i] == NULL)
            return ECG_ENOMEM;
        s->n_includes++;
    }
    return 0;
}

/* A struct has a tag of its own when clang spells its type "struct <tag>". */
static int has_tag(CXCursor c, const char *name)
{
    CXString type = clang_getTypeSpelling(clang_getCursorType(c));
    const char *t = cx_text(type);
    int tagged = name[0] != '\0' && strncmp(t, "struct ", 7) == 0 && strcmp(t + 7, name) == 0;

    clang_disposeString(type);
    return tagged && !clang_Cursor_isAnonymous(c);
}

static int fill_struct(struct reader *r, struct gen_struct *s, CXCursor c,
                       const struct struct_attrs *a)
{
    struct member_visit v = { r, s, 0 };
    CXType type = clang_getCursorType(c);
    unsigned col;
    int rc;

    s->name = dup_cx(clang_getCursorSpelling(c));
    s->input = strdup(r->input);
    if (s->name == NULL || s->input == NULL)
        return ECG_ENOMEM;
    cursor_pos(&s->line, &col, c);
    if (clang_getCursorKind(c) == CXCursor_UnionDecl)
        return refuse(r, c, "ECG_GENERATE on a union: only structs can be generated");
    if (!has_tag(c, s->name))
        return refuse(r, c, "ECG_GENERATE on an anonymous struct: give the struct a tag");
    rc = parse_options(r, s, a);
    if (rc == 0)
        rc = copy_includes(s, &r->includes);
    if (rc != 0)
        return rc;
    clang_visitChildren(c, visit_member, &v);
    if (r->rc == 0 && s->n_members == 0)
        return refuse(r, c, "struct '%s' has no members", s->name);
    s->size = (size_t)clang_Type_getSizeOf(type);
    s->align = (size_t)clang_Type_getAlignOf(type);
    return r->rc;
}

static int read_struct(struct reader *r, CXCursor c, const struct struct_attrs *a)
{
    struct gen_read_result *res = &r->result;
    struct gen_struct *grown = realloc(res->structs, (res->n_structs + 1) * sizeof(*grown));
    int rc;

    if (grown == NULL)
        return ECG_ENOMEM;
    res->structs = grown;
    memset(&grown[res->n_structs], 0, sizeof(*grown));
    rc = fill_struct(r, &grown[res->n_structs], c, a);
    res->n_structs++;
    return rc;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    struct reader *r = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    struct struct_attrs a = { r, NULL, clang_getNullCursor() };

    (void)parent;
    if ((kind != CXCursor_StructDecl && kind != CXCursor_UnionDecl) || !from_main(c) ||
        !clang_isCursorDefinition(c))
        return CXChildVisit_Continue;
    clang_visitChildren(c, visit_struct_attr, &a);
    if (r->rc == 0 && a.text != NULL)
        r->rc = read_struct(r, c, &a);
    free(a.text);
    return r->rc == 0 ? CXChildVisit_Continue : CXChildVisit_Break;
}

int gen_read_unit(struct gen_read_result *out, CXTranslationUnit tu, const char *input,
                  struct ecg_diag *diag)
{
    struct reader r;
    CXCursor root = clang_getTranslationUnitCursor(tu);

    memset(&r, 0, sizeof(r));
    r.tu = tu;
    r.input = input;
    r.diag = diag;
    ecg_strvec_init(&r.includes);
    ecg_strvec_init(&r.macros);
    clang_visitChildren(root, visit_preprocessing, &r);
    if (r.rc == 0)
        clang_visitChildren(root, visit_top, &r);
    if (r.rc == ECG_ENOMEM)
        ecg_diag_set(diag, input, 0, 0, "out of memory");
    ecg_strvec_fini(&r.includes);
    ecg_strvec_fini(&r.macros);
    if (r.rc != 0) {
        gen_read_fini(&r.result);
        return r.rc;
    }
    *out = r.result;
    return 0;
}

static int build_flags(struct ecg_strvec *flags, const struct ecg_strvec *args)
{
    static const char *const fixed[] = { "-x", "c", "-std=c11", "-DECG_ANALYZING" };
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < sizeof(fixed) / sizeof(fixed[0]); i++)
        rc = ecg_strvec_push(flags, fixed[i]);
    if (rc == 0 && args != NULL)
        rc = ecg_strvec_extend(flags, args);
    return rc;
}

int gen_read_header(struct gen_read_result *out, const char *path, const struct ecg_strvec *args,
                    const char *resource_dir, struct ecg_diag *diag)
{
    struct ecg_parse_request req = { path, NULL, NULL, resource_dir };
    struct ecg_parse_errors errors = { NULL, 0 };
    struct ecg_strvec flags;
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu = NULL;
    int rc;

    ecg_strvec_init(&flags);
    rc = build_flags(&flags, args);
    req.flags = &flags;
    if (rc == 0)
        rc = ecg_parse_unit(&tu, index, &req, &errors);
    if (rc == 0 && errors.len > 0)
        rc = ECG_EPARSE;
    if (rc == ECG_EPARSE && errors.len > 0)
        ecg_diag_set(diag, errors.items[0].path, errors.items[0].line, errors.items[0].col, "%s",
                     errors.items[0].message);
    else if (rc == ECG_ENOMEM)
        ecg_diag_set(diag, path, 0, 0, "out of memory");
    if (rc == 0)
        rc = gen_read_unit(out, tu, path, diag);
    if (tu != NULL)
        clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    ecg_parse_errors_fini(&errors);
    ecg_strvec_fini(&flags);
    return rc;
}

void gen_read_fini(struct gen_read_result *result)
{
    if (result == NULL)
        return;
    for (size_t i = 0; i < result->n_structs; i++)
        gen_model_struct_fini(&result->structs[i]);
    free(result->structs);
    result->structs = NULL;
    result->n_structs = 0;
}
