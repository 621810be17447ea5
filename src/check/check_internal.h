/* check_internal.h — what the check files share: the context every rule
 * family receives from enf_check, and how a rule reports.  Not part of
 * the API. */
#ifndef ENFACE_CHECK_INTERNAL_H
#define ENFACE_CHECK_INTERNAL_H

#include "enface/align.h"
#include "enface/check.h"
#include "model_internal.h"
#include "terms_internal.h"

/* The last position enf__pos computed (see there). */
typedef struct {
    const enf_doc *d;
    size_t b, off, ls;   /* ls: start of off's line */
    int line, col;
} enf__poscache;

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
    enf__poscache pos;               /* enf__pos: the last place computed */
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
/* off[1] for text missing from zh: the place is just after block blk[1]
 * (the preceding bead's last Chinese block), not in it */
#define ENF__AFTER_BLOCK ((size_t)-2)

/* At most cap for the finding enf__report added after the findings'
 * count was before (none when the rule is off): a case of a rule that is
 * most often meant (a translator's note, a Chinese page), a note. */
static inline void enf__cap_since(enf__check_ctx *c, size_t before, enf_severity cap)
{
    if (c->out->n > before && c->out->v[before].severity > cap)
        c->out->v[before].severity = cap;
}

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
void enf__pos(enf__check_ctx *c, const enf_doc *d, size_t b, size_t off, int *line, int *col);

/* Drop the findings out->v[first..] that the suppression comments of zh
 * (<!-- enface-disable ... -->) silence.  A finding without a Chinese place
 * is judged at the zh line place(f, ctx) gives (0 = none; place may be NULL). */
void enf__suppress(const enf_doc *zh, enf_findings *out, size_t first,
                   int (*place)(const enf_finding *f, void *ctx), void *ctx);

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
