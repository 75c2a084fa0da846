/* Identifier words for rules; see names.h. */
#include "rules/support/names.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rules/rule.h"

enum char_class {
    CC_SEPARATOR,
    CC_LOWER,
    CC_UPPER,
    CC_DIGIT,
};

static enum char_class classify(char c)
{
    unsigned char u = (unsigned char)c;

    if (islower(u))
        return CC_LOWER;
    if (isupper(u))
        return CC_UPPER;
    return isdigit(u) ? CC_DIGIT : CC_SEPARATOR;
}

/* Nonzero when a new word starts at s[i], given the class of the character before it. */
static int starts_word(const char *s, size_t i, enum char_class prev)
{
    enum char_class cur = classify(s[i]);

    if (prev == CC_SEPARATOR)
        return 1;
    if ((cur == CC_DIGIT) != (prev == CC_DIGIT))
        return 1;
    if (cur == CC_UPPER && prev == CC_LOWER)
        return 1;
    /* "APIKey": the 'K' that starts a capitalised word ends the acronym before it. */
    return cur == CC_UPPER && prev == CC_UPPER && classify(s[i + 1]) == CC_LOWER;
}

/* Appends c to the current word, opening a new one first when asked; 0 when full. */
static int append(struct rule_names_words *w, size_t *len, char c, int open)
{
    if (*len + 2 >= sizeof(w->text))
        return 0;
    if (open) {
        if (w->n == RULE_NAMES_MAX_WORDS)
            return 0;
        if (w->n > 0)
            w->text[(*len)++] = '\0';
        w->start[w->n++] = *len;
    }
    w->text[(*len)++] = (char)tolower((unsigned char)c);
    w->text[*len] = '\0';
    return 1;
}

void rule_names_split(struct rule_names_words *out, const char *identifier)
{
    enum char_class prev = CC_SEPARATOR;
    size_t len = 0;

    memset(out, 0, sizeof(*out));
    for (size_t i = 0; identifier != NULL && identifier[i] != '\0'; i++) {
        enum char_class cur = classify(identifier[i]);
        if (cur != CC_SEPARATOR &&
            !append(out, &len, identifier[i], starts_word(identifier, i, prev)))
            return;
        prev = cur;
    }
}

const char *rule_names_word(const struct rule_names_words *w, size_t i)
{
    return w->text + w->start[i];
}

/* Joins words [first, first + count) with sep into buf; 0 when it does not fit. */
static int join(char *buf, size_t size, const struct rule_names_words *w, size_t first,
                size_t count, const char *sep)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = first; i < first + count; i++) {
        int n =
            snprintf(buf + used, size - used, "%s%s", i > first ? sep : "", rule_names_word(w, i));
        if (n < 0 || (size_t)n >= size - used)
            return 0;
        used += (size_t)n;
    }
    return 1;
}

/* Nonzero when word, or its singular ('passwords', 'options'), is in the list. */
static int word_listed(const struct rule_ctx *rc, const char *list_option, const char *word)
{
    char singular[64];
    size_t n = strlen(word);

    if (rule_option_list_has(rc, list_option, word))
        return 1;
    if (n <= 3 || n >= sizeof(singular) || word[n - 1] != 's')
        return 0;
    memcpy(singular, word, n - 1);
    singular[n - 1] = '\0';
    return rule_option_list_has(rc, list_option, singular);
}

/* Nonzero when the run of count words at first, joined either way, is in the list. */
static int run_listed(const struct rule_ctx *rc, const char *list_option,
                      const struct rule_names_words *w, size_t first, size_t count)
{
    char joined[256];

    if (join(joined, sizeof(joined), w, first, count, "_") && word_listed(rc, list_option, joined))
        return 1;
    return count > 1 && join(joined, sizeof(joined), w, first, count, "") &&
           rule_option_list_has(rc, list_option, joined);
}

int rule_names_find(size_t *out_end, const struct rule_ctx *rc, const char *list_option,
                    const struct rule_names_words *w)
{
    for (size_t first = 0; first < w->n; first++) {
        for (size_t count = 3; count > 0; count--) {
            if (first + count <= w->n && run_listed(rc, list_option, w, first, count)) {
                *out_end = first + count;
                return 1;
            }
        }
    }
    return 0;
}

int rule_names_any_from(const struct rule_ctx *rc, const char *list_option,
                        const struct rule_names_words *w, size_t first)
{
    for (size_t i = first; i < w->n; i++) {
        if (word_listed(rc, list_option, rule_names_word(w, i)))
            return 1;
    }
    return 0;
}

int rule_names_byte_buffer(CXType type)
{
    CXType t = clang_getCanonicalType(type);
    CXType elem;

    if (t.kind == CXType_Pointer)
        elem = clang_getPointeeType(t);
    else
        elem = clang_getArrayElementType(t);
    elem = clang_getCanonicalType(elem);
    return elem.kind == CXType_UChar || elem.kind == CXType_Char_U;
}

int rule_names_say_secret(const struct rule_ctx *rc, const char *name, int byte_buffer)
{
    struct rule_names_words w;
    size_t end;

    rule_names_split(&w, name);
    if (!rule_names_find(&end, rc, "names", &w) &&
        !(byte_buffer && rule_names_find(&end, rc, "byte_buffer_names", &w)))
        return 0;
    return !rule_names_any_from(rc, "descriptive_words", &w, end);
}
