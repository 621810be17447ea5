/* terms_internal.h — what the terms wing lends the wings above it (not
 * part of the API): the glossary's storage and match index, the markup
 * mask, and matching over masked source. */
#ifndef ENFACE_TERMS_INTERNAL_H
#define ENFACE_TERMS_INTERNAL_H

#include "enface/terms.h"
#include "model_internal.h"

struct enf__gindex;

struct enf_glossary {
    enf_term *terms;
    size_t n, cap;
    enf_arena *arena;
    struct enf__gindex *index;   /* rebuilt after every load */
    size_t *slots, nslots;       /* hash of lower-cased English -> term + 1 */
};

/* Add or replace (same English term, case-folded) a term whose strings
 * live in g->arena.  A term seen before at index >= first_of_file comes from
 * the same file: a duplicate, an error naming both lines. */
int enf__glossary_put(enf_glossary *g, const enf_term *t, size_t first_of_file, enf_error *err);
/* Check one term (approved vs forbidden, empty zh, ...); message names
 * t->source:t->line. */
int enf__term_validate(const enf_term *t, enf_error *err);
/* The columns a TBX entry carries as x-enface-* notes, parsed as in TSV
 * (the forbidden list with contexts, equivalents, suspects); NULL = none. */
int enf__term_extras(enf_arena *a, enf_term *t, const char *forbidden, const char *equiv, const char *suspect,
                     enf_error *err);
int enf__glossary_reindex(enf_glossary *g, enf_error *err);
/* Parse one rendering item "RENDERING" or "RENDERING[COND;...]" (context.c);
 * errors name src:line. */
int enf__context_parse(enf_arena *a, const char *item, enf_context *out, const char *src, int line,
                       enf_error *err);
/* A glossary file's bytes checked as UTF-8 and copied, NUL-terminated, into
 * a malloc'd *out that the caller frees (the loaders' first step). */
int enf__glossary_text(const char *name, const char *data, size_t len, char **out, enf_error *err);
int enf__glossary_load_md(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err);
int enf__glossary_load_csv(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err);
int enf__tbx_load(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err);

int enf__gindex_build(const enf_glossary *g, struct enf__gindex **out);
void enf__gindex_free(struct enf__gindex *ix);

/* match_mask.c: mark (mask[i] = 1) the bytes of Markdown/HTML source that
 * no prose rule looks at: inline code spans, link destinations, autolinks,
 * HTML tags and comments, bare URLs (which end at white space or CJK
 * punctuation). */
void enf__mask_markup(const char *s, size_t len, unsigned char *mask);

/* ASCII letters and digits; ASCII lower case (other bytes as they are). */
static inline int enf__ascii_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
static inline char enf__ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Matches over a span of source with a precomputed mask (may be NULL). */
int enf__glossary_match_masked(const enf_glossary *g, int lang, const char *s, size_t len,
                               const unsigned char *mask, enf_match **out, size_t *n_out);
/* Suspect renderings over the same span, not overlapping the regular
 * matches given (those of enf__glossary_match_masked). */
int enf__glossary_match_suspects(const enf_glossary *g, const char *s, size_t len, const unsigned char *mask,
                                 const enf_match *regular, size_t n_regular, enf_match **out, size_t *n_out);

/* English word forms (match_inflect.c), by which match.c puts a term's
 * words in its trie and finds a text's words there: the exact key (for
 * inner words of a phrase) and the final keys, singular and verb stem. */
#define ENF__TOKMAX 128   /* bytes of one English token, joined */
typedef struct {
    char exact[ENF__TOKMAX];
    size_t exact_len;
    char plural[ENF__TOKMAX];
    size_t plural_len;
    char verb[ENF__TOKMAX + 2];
    size_t verb_len;
} enf__forms;
void enf__make_forms(const char *w, size_t n, int cased, enf__forms *f);
/* Whether a (lower-case) word looks like an -ing / -ed form. */
int enf__verbish(const char *w, size_t n);

/* Synonym group of a term: terms that share an approved Chinese rendering
 * (CNN and convolutional neural network) have the same group. */
size_t enf__glossary_group(const enf_glossary *g, size_t term);

/* Code-point classes used by several checks. */
int enf__is_latin_alnum(int cp);

#endif
