/* Identifier words: C identifiers split into lowercase words (snake_case, camelCase,
 * digits) and matched against a rule's word-list option, for rules that judge a variable,
 * field or function by what its name says it holds (a password, a token, a nonce). */
#ifndef ECG_RULES_SUPPORT_NAMES_H
#define ECG_RULES_SUPPORT_NAMES_H

#include <clang-c/Index.h>
#include <stddef.h>

struct rule_ctx;

#define RULE_NAMES_MAX_WORDS 16

/* The words of one identifier, lowercase, in order. Words past the limit are dropped. */
struct rule_names_words {
    char text[256];                     /* the words, each NUL-terminated */
    size_t start[RULE_NAMES_MAX_WORDS]; /* offset of each word in text */
    size_t n;
};

/* Splits identifier into words at '_', at digit boundaries and at case changes
 * ("zPassword" -> z password, "APIKey" -> api key, "key2" -> key 2). */
void rule_names_split(struct rule_names_words *out, const char *identifier);

/* The i-th word (i < w->n). */
const char *rule_names_word(const struct rule_names_words *w, size_t i);

/* Looks for a run of one to three consecutive words that, joined with '_' or run together,
 * is an item of the string-list option list_option (or, ending in 's', whose singular is):
 * "api_key" matches apiKey, API_KEY and api_key, and "password" matches PassWord, but a name
 * written as one word ("apikey") matches only an item spelled that way. The leftmost run wins, the
 * longest at one place. Returns 1 and stores in *out_end the index of the word after the run, or
 * returns 0. */
int rule_names_find(size_t *out_end, const struct rule_ctx *rc, const char *list_option,
                    const struct rule_names_words *w);

/* Nonzero when any of the words from index first on, or its singular, is an item of the
 * list option. */
int rule_names_any_from(const struct rule_ctx *rc, const char *list_option,
                        const struct rule_names_words *w, size_t first);

/* Nonzero when type is an array of, or pointer to, unsigned bytes: key material. */
int rule_names_byte_buffer(CXType type);

/* Nonzero when a name says its value is a secret by the rule's word lists: it holds a word
 * of "names" (or, with byte_buffer, of "byte_buffer_names") and no word of
 * "descriptive_words" after it ('password_prompt', 'token_len' describe a secret; they do
 * not hold one). */
int rule_names_say_secret(const struct rule_ctx *rc, const char *name, int byte_buffer);

#endif
