/* align_internal.h — what the parts of the block aligner share: the cost
 * model (align_cost.c: evidence per block, cost of a bead), the cells of
 * the programme (align_row.c: one row of the band at a time, with what it
 * keeps between cells) and the search (align_blocks.c: band, programme,
 * passes over its result).
 * Not part of the public API. */
#ifndef ENF_ALIGN_INTERNAL_H
#define ENF_ALIGN_INTERNAL_H

#include "enface/align.h"

#include <stddef.h>
#include <stdint.h>

/* Weights, tuned on the tuning half of the gold (tests/data/gold);
 * defaults in align_cost.c, names for --param there too. */
typedef struct {
    double w_anchor;      /* cost of no anchor agreement */
    double w_length;      /* per unit of |log length ratio| */
    double length_cap;    /* |log ratio| above this costs no more */
    double no_anchor;     /* anchor cost when neither side has shared anchors */
    double skip;          /* cost of a 1-0 or 0-1 bead */
    double skip_anchored; /* extra when the block's anchors occur on the other side */
    double merge2;        /* prior of 2-1 and 1-2 */
    double merge22;       /* prior of 2-2 */
    double merge_n;       /* per extra block of an n-1 merge, n >= 3 */
    double kind_mismatch; /* paragraph vs heading that is not bold-only */
    double w_lex;         /* cost of no lexical agreement, blocks without anchors */
    double w_sent;        /* per unit of |log sentence-count ratio| */
    double w_colon;       /* one side ends with a colon, the other not */
} enf__bparams;

#define ENF__MAX_MERGE 8   /* most blocks on one side of a bead */
#define ENF__INF 1e30      /* cost of an impossible bead */

typedef struct {
    unsigned hash;
    int kind;
    const char *value;
    int count[2];     /* blocks containing it, per side */
    int first[2];     /* first block index per side */
} enf__banchor;

typedef struct {
    enf__banchor *v;
    size_t n, nslots;
    size_t *slots;
} enf__banchor_table;

/* A set of ids as a bit per id (a hash of it, mod 256): two sets with no
 * bit in common have no id in common.  256 bits, as a block has about ten
 * ids: with 64, two blocks that share none had a bit in common two times
 * in three. */
#define ENF__SIGW 4
typedef struct {
    uint64_t w[ENF__SIGW];
} enf__sig;

static inline void enf__sig_add(enf__sig *s, int id)
{
    unsigned b = (uint32_t)id * 0x9E3779B1u >> 24;
    s->w[b >> 6] |= 1ull << (b & 63);
}

static inline void enf__sig_or(enf__sig *s, const enf__sig *t)
{
    for (int k = 0; k < ENF__SIGW; k++)
        s->w[k] |= t->w[k];
}

/* Whether s and t have a bit in common. */
static inline int enf__sig_meet(const enf__sig *s, const enf__sig *t)
{
    uint64_t m = 0;
    for (int k = 0; k < ENF__SIGW; k++)
        m |= s->w[k] & t->w[k];
    return m != 0;
}

typedef struct {
    int *ids;        /* sorted ids of the anchors that carry weight */
    int n;
    double weight;   /* sum of the weights of those found in both files */
    enf__sig sig;    /* the ids compared that both files have */
} enf__bset;

typedef struct {
    const enf_doc *doc[2];
    size_t n[2];
    enf__bset *sets[2];      /* per block */
    int *pool;
    double *w;            /* weight per anchor id */
    double *miss;         /* its weight when only one side of a bead has it */
    enf__banchor_table table;
    double ratio;         /* English chars per Han character */
    double *len[2];       /* comparable length per block */
    float *sents[2];      /* sentences per block */
    unsigned char *colon[2]; /* block ends with a colon (introduces a list, code, a figure) */
    int *run[2];          /* longest mergeable run starting at each block */
    enf_sent_aligner *lex; /* lexical similarity of blocks, with a lexicon */
    enf__bparams p;
} enf__bctx;   /* the pair being aligned, and what is known of its blocks */

/* Fill c for en x zh: the weights (defaults, then opts->params), anchor
 * weights and sets, comparable lengths, sentence counts, colons, mergeable
 * runs and, with opts->lexicon, the lexical similarity.  Returns ENF_OK,
 * ENF_EUSAGE (a bad --param; err says which) or ENF_ENOMEM.  Free c with
 * enf__bctx_free whatever it returned. */
int enf__bctx_init(enf__bctx *c, const enf_doc *en, const enf_doc *zh, const enf_align_opts *opts,
                   enf_error *err);
void enf__bctx_free(enf__bctx *c);

/* Weighted Dice of the anchors of en[i, i+ni) and zh[j, j+nj); -1 when
 * neither side has anchors that carry weight.  *wsum = the weight seen. */
double enf__anchor_sim(const enf__bctx *c, size_t i, int ni, size_t j, int nj, double *wsum);

#define ENF__UNION_MAX 512   /* ids of one bead side that are compared */

/* Weighted Dice of two sorted id lists (either may repeat an id: a run's
 * lists concatenated); *wsum = the weight seen. */
double enf__dice(const enf__bctx *c, const int *A, int na, const int *B, int nb, double *wsum);

/* The ids of a run's sets, as enf__anchor_sim compares them: the first
 * ENF__UNION_MAX of their concatenation, sorted; returns how many. */
int enf__run_ids(const enf__bctx *c, int side, size_t start, int cnt, int *buf);

/* A run's comparable length and sentence count: sums in block order. */
static inline double enf__run_len(const enf__bctx *c, int side, size_t i, int n)
{
    double t = 0;
    for (int k = 0; k < n; k++)
        t += c->len[side][i + (size_t)k];
    return t;
}

static inline double enf__run_sum(const float *v, size_t i, int n)
{
    double t = 0;
    for (int k = 0; k < n; k++)
        t += v[i + (size_t)k];
    return t;
}

/* Structure: cost of pairing block e with block z by their kinds. */
double enf__kind_cost(const enf__bctx *c, const enf_block *e, const enf_block *z);

/* Cost of the bead en[i, i+ni) : zh[j, j+nj) (ENF__INF when not allowed);
 * *asim and *lratio get its anchor similarity and length ratio.  Once the
 * cheap terms reach bound it returns early. */
double enf__bead_cost(const enf__bctx *c, size_t i, int ni, size_t j, int nj, float *asim,
                      float *lratio, double bound);

/* The evidence term of a bead whose anchor similarity is sim (-1: no
 * anchors that carry weight): then the dictionary's, when it knows the
 * texts (beads up to 4 a side), else a flat cost; with anchors, how far
 * they fall short.  *asim (may be NULL) gets sim when it was used. */
static inline double enf__evidence_cost(const enf__bctx *c, size_t i, int ni, size_t j, int nj,
                                        double per, double sim, float *asim)
{
    if (sim < 0 && c->lex && ni <= 4 && nj <= 4) {
        double lex;
        if (enf_sent_aligner_similarity(c->lex, i, ni, j, nj, &lex)) {
            lex = lex < 0 ? 0 : lex > 1 ? 1 : lex;
            return per * c->p.w_lex * (1.0 - lex);
        }
    }
    if (sim < 0)
        return per * c->p.no_anchor;
    if (asim)
        *asim = (float)sim;
    return per * c->p.w_anchor * (1.0 - sim);
}

/* How many sentences enf_segment_sentences finds in text (segment.c),
 * without keeping them: the block aligner only counts. */
int enf__count_sentences(const char *text, size_t len, int lang, size_t *n_out, enf_error *err);

/* The beads the programme tries, as {English blocks, Chinese blocks}, in
 * the order it tries them (a tie keeps the first). */
#define ENF__NSHAPES 18
extern const signed char enf__shapes[ENF__NSHAPES][2];

/* What the programme's cells share (per block and per run, computed once);
 * width = the widest row of the band. */
typedef struct enf__cells enf__cells;
int enf__cells_new(const enf__bctx *c, long width, enf__cells **out);
void enf__cells_free(enf__cells *x);

/* Row i of the programme (i English blocks aligned): rows[d] holds the
 * costs of row i - d for the Chinese block counts rlo[d]..rhi[d] (NULL
 * when i < d); fills rows[0] with the best cost of each cell and bp with
 * 1 + the index in enf__shapes of its last bead (0: none): the minimum
 * over shapes of the start cell's cost + enf__bead_cost. */
void enf__row(const enf__bctx *c, enf__cells *x, long i, double *const *rows, const long *rlo,
              const long *rhi, unsigned char *bp);

#endif
