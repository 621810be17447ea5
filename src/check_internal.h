/* check_internal.h — what the glossary, matching and check files share:
 * the glossary's storage and match index, the markup mask, and the context
 * every rule family receives from enf_check.  Not part of the API. */
#ifndef ENFACE_CHECK_INTERNAL_H
#define ENFACE_CHECK_INTERNAL_H

#include "enface.h"
#include "internal.h"

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
int enf__glossary_reindex(enf_glossary *g, enf_error *err);
int enf__tbx_load(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err);

int enf__gindex_build(const enf_glossary *g, struct enf__gindex **out);
void enf__gindex_free(struct enf__gindex *ix);

/* Mark (mask[i] = 1) the bytes of Markdown/HTML source that no prose rule
 * looks at: inline code spans, link destinations, autolinks, HTML tags and
 * comments, bare URLs (which end at white space or CJK punctuation). */
void enf__mask_markup(const char *s, size_t len, unsigned char *mask);

/* Matches over a span of source with a precomputed mask (may be NULL). */
int enf__glossary_match_masked(const enf_glossary *g, int lang, const char *s, size_t len,
                               const unsigned char *mask, enf_match **out, size_t *n_out);

/* Synonym group of a term: terms that share an approved Chinese rendering
 * (CNN and convolutional neural network) have the same group. */
size_t enf__glossary_group(const enf_glossary *g, size_t term);

/* Code-point classes used by several checks. */
int enf__is_latin_alnum(int cp);

/* The state of one enf_check run, handed to every rule family. */
typedef struct {
    const enf_doc *en, *zh;          /* en NULL in Chinese-only mode */
    const enf_alignment *al;         /* NULL in Chinese-only mode */
    const enf_check_opts *opts;
    const enf_glossary *g;           /* may be NULL */
    enf_findings *out;
    size_t *zh_bead, *en_bead;       /* block index -> bead index */
    /* per-block mask of the source span, computed once */
    unsigned char **en_mask, **zh_mask;
} enf__check_ctx;

/* Add a finding for rule (skipped when the rule is off).  side_blk and
 * side_off: block index and byte offset in doc->data per side, or
 * ENF_NO_BLOCK / (size_t)-1.  found_len: bytes of the offending source text
 * (for the highlight span in block->text), 0 = whole block. */
typedef struct {
    enf_rule rule;
    size_t blk[2];
    size_t off[2];          /* byte offset in doc->data, (size_t)-1 = block start */
    size_t len[2];          /* bytes at off, 0 = whole block */
    const char *term, *expected, *found;
} enf__where;

int enf__report(enf__check_ctx *c, const enf__where *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static inline int enf__rule_on(const enf__check_ctx *c, enf_rule r)
{
    return c->opts->severity[r] != ENF_SEV_NONE;
}

/* Line and column (code points) of byte off of d->data inside block b
 * (off (size_t)-1 = the block's start); linear in the block, not the file. */
void enf__pos(const enf_doc *d, size_t b, size_t off, int *line, int *col);

/* Rule families. */
int enf__check_glossary(enf__check_ctx *c);
int enf__check_links(enf__check_ctx *c);
int enf__check_numbers(enf__check_ctx *c);
int enf__check_code(enf__check_ctx *c);
int enf__check_markup(enf__check_ctx *c);
int enf__check_blocks(enf__check_ctx *c);
int enf__check_untranslated(enf__check_ctx *c);
int enf__check_spacing(enf__check_ctx *c);

/* Source span of a block. */
static inline const char *enf__blk_src(const enf_doc *d, size_t b)
{
    return d->data + d->blocks[b].src_off;
}

#endif
