/* drift_internal.h — what the files of enf_drift share: the state of one
 * run (the two originals' blocks, their diff, the alignment with the
 * translation) and the steps the driver (drift.c) calls in order:
 * drift_diff.c (the block diff), drift_classify.c (what kind of change),
 * drift_report.c (the findings, placed on the translation).  Not API. */
#ifndef ENFACE_DRIFT_INTERNAL_H
#define ENFACE_DRIFT_INTERNAL_H

#include "check_internal.h"

#include <stdint.h>

/* ---- the change of one block, classified */

typedef enum {
    ENF__DRIFT_C_NONE = 0,   /* format only */
    ENF__DRIFT_C_PUNCT,      /* full stops only, or any punctuation of a Chinese original */
    ENF__DRIFT_C_TYPO,
    ENF__DRIFT_C_MARK,       /* an English original's punctuation other than a full
                                stop (: , ( ) " - ...): its translation writes it too */
    ENF__DRIFT_C_MARKUP,     /* same text, other structure (list item, heading level, quote) */
    ENF__DRIFT_C_SPELLING,   /* a typo-size edit of a word the translation keeps as written */
    ENF__DRIFT_C_NUMBER,
    ENF__DRIFT_C_LINK,
    ENF__DRIFT_C_CODE,
    ENF__DRIFT_C_TERM,
    ENF__DRIFT_C_NEGATION,
    ENF__DRIFT_C_REWRITE
} enf__drift_class;

extern const char *const enf__drift_class_name[];

typedef enum {
    ENF__DRIFT_SAME = 0,
    ENF__DRIFT_CHANGED,
    ENF__DRIFT_DELETED,
    ENF__DRIFT_MOVED
} enf__drift_state;

typedef struct {
    enf__drift_state st;
    size_t peer;        /* block of the new original (SAME, CHANGED, MOVED) */
    enf__drift_class cls;
    char what[160];     /* what changed, for the message */
} enf__drift_old;

typedef struct {
    const enf_doc *so, *sn, *tr;
    const enf_drift_opts *o;
    int lang;           /* the original's language */
    enf_findings *out;
    char **key[2];      /* normalized block texts of so, sn */
    size_t *klen[2];
    uint64_t *hash[2];
    enf__drift_old *old;         /* per block of so */
    size_t *new_old;    /* per block of sn: its old block, or -1 (inserted) */
    size_t *src_bead;   /* old original block -> bead, or -1 */
    const enf_alignment *al;
    size_t *anchor_before; /* per block j of sn: the nearest k < j that kept its
                              place and its translation (S_point), or -1 */
} enf__drift_ctx;

#define ENF__DRIFT_NONE ((size_t)-1)

/* The bead's runs on the original's and the translation's side. */
static inline void enf__drift_bead_runs(const enf__drift_ctx *c, const enf_bead *b, size_t *s0,
                                        size_t *ns, size_t *t0, size_t *nt)
{
    if (c->lang == ENF_LANG_EN) {
        *s0 = b->en, *ns = b->n_en, *t0 = b->zh, *nt = b->n_zh;
    } else {
        *s0 = b->zh, *ns = b->n_zh, *t0 = b->en, *nt = b->n_en;
    }
}

static inline int enf__drift_is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* drift_diff.c: the block diff of the two originals */
/* The normalized key of every block of d (side 0: the old original, 1: the new). */
int enf__drift_keys(enf__drift_ctx *c, int side, const enf_doc *d);
/* Pair the blocks of equal keys (a longest common subsequence). */
int enf__drift_lcs(enf__drift_ctx *c);
/* Blocks left over with one key on both sides moved. */
void enf__drift_moves(enf__drift_ctx *c);
/* Pair the blocks left in each gap by similarity: changed blocks. */
int enf__drift_pair_gaps(enf__drift_ctx *c);
/* A heading's explicit " {#id}": its length and *off its start, or 0. */
size_t enf__drift_heading_id(const enf_block *b, size_t *off);

/* drift_classify.c: what kind of change */
/* Classify the change of old block i into new block j: what gets
 * "CLASS: DETAIL", msg the excerpt "old" -> "new". */
enf__drift_class enf__drift_classify(const enf__drift_ctx *c, size_t i, size_t j, char *what,
                                     size_t wsz, char *msg, size_t msz);
/* The severity of rule r for a change of class cls (minor edits: notes). */
enf_severity enf__drift_severity(const enf__drift_ctx *c, enf_rule r, enf__drift_class cls);
/* Copy at most max code points of s[0..n) into buf, "…" when cut. */
void enf__drift_short(char *buf, size_t bufsz, const char *s, size_t n, size_t max);

/* drift_report.c: the findings */
int enf__drift_add(enf__drift_ctx *c, enf_rule r, enf_severity sev, size_t src_blk, size_t tr_blk,
                   int tr_line, const char *cls, const char *expected, const char *found,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 10, 11)))
#endif
    ;
/* Report every change on the translation's blocks, and the new blocks. */
int enf__drift_report(enf__drift_ctx *c);

#endif
