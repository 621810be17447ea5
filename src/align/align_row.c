/* align_row.c — the block aligner's search, one row at a time: the cells
 * of the band (enf__cells), what they keep of runs and 1-1 similarities,
 * and enf__row, which gives every cell the cost and shape the loop over
 * enf__bead_cost (align_cost.c) would, bit for bit.  align_blocks.c runs
 * the rows and the backtrack. */
#include "align_internal.h"
#include "model_internal.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* enf__dice for lists without repeats (a block's set, a merged run): the
 * same sums in the same order, without the sentinels. */
static double S_dice_unique(const enf__bctx *c, const int *A, int na, const int *B, int nb)
{
    double wa = 0, wb = 0, shared = 0;
    const double *w = c->w, *miss = c->miss;
    int x = 0, y = 0;
    while (x < na && y < nb) {
        int va = A[x], vb = B[y];
        if (va == vb) {
            shared += w[va];
            wa += w[va];
            wb += w[va];
            x++;
            y++;
        } else if (va < vb) {
            wa += miss[va];
            x++;
        } else {
            wb += miss[vb];
            y++;
        }
    }
    while (x < na)
        wa += miss[A[x++]];
    while (y < nb)
        wb += miss[B[y++]];
    if (wa + wb <= 0)
        return -1;
    return 2 * shared / (wa + wb);
}

/* ---- the programme's cells
 * enf__cell gives every cell the cost and shape the loop over
 * enf__bead_cost did, bit for bit, without redoing per cell what depends
 * on one block or one run: the 1-0 and 0-1 costs, the sorted anchor ids
 * of a merged run (merged once, not rebuilt and sorted per cell), the 1-1
 * similarities that the "worst member" term asks for again.  A shape that
 * cannot win is dropped as soon as the terms summed so far reach the
 * cell's best: every later term adds a non-negative amount (checked on
 * the weights), so the full cost could not be lower. */

/* enf__row tries shapes 1 and 2 first: they must stay the 1-0 and 0-1
 * beads. */
const signed char enf__shapes[ENF__NSHAPES][2] = {
    {1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2},
    {3, 1}, {1, 3}, {4, 1}, {1, 4}, {5, 1}, {1, 5}, {6, 1}, {1, 6}, {7, 1}, {1, 7}, {8, 1}, {1, 8},
};

typedef struct {
    long start;    /* first block of the run; -1 = empty slot */
    int n, cap;
    int unique;    /* no id twice (else: cut and sorted as enf__anchor_sim does) */
    int *v;        /* sorted ids, as enf__anchor_sim would compare them */
    enf__sig sig;  /* when unique: the members' enf__bset.sig together */
} S_ids;

#define S_LOGS 32  /* sentence counts whose log ratios are tabled */
#define S_ROWS 16  /* English blocks whose 1-1 similarities are kept (> ENF__MAX_MERGE) */

/* What enf__kind_cost and the list test of S_cost read of a block, as one
 * byte: a heading is 64 + 2 * its level (0..7) + whether it is in a list;
 * any other block its kind less one (2 bits: paragraph, code, HTML, line)
 * and whether it is bold only, image only, a table, in a list (4 bits). */
#define S_NCLS 80

static unsigned char S_kind_class(const enf_block *b)
{
    unsigned list = b->list_depth > 0;
    if (b->kind == ENF_BLOCK_HEADING)
        return (unsigned char)(64 + 2 * (b->level < 0 ? 0 : b->level > 7 ? 7 : b->level) + list);
    return (unsigned char)(((unsigned)b->kind - 1u) << 4 | (b->flags & ENF_BF_BOLD_ONLY ? 1u : 0u) |
                           (b->flags & ENF_BF_IMAGE_ONLY ? 2u : 0u) |
                           (b->flags & ENF_BF_TABLE ? 4u : 0u) | list << 3);
}

static int S_class_in_list(unsigned k)
{
    return k >= 64 ? (k & 1u) : (k & 8u) != 0;
}

/* A block of class k, with only what enf__kind_cost reads set. */
static enf_block S_class_block(unsigned k)
{
    enf_block b = {0};
    b.list_depth = S_class_in_list(k);
    if (k >= 64) {
        b.kind = ENF_BLOCK_HEADING;
        b.level = (int)(k - 64) / 2;
        return b;
    }
    b.kind = (enf_block_kind)((k >> 4) + 1);
    b.flags = (k & 1u ? ENF_BF_BOLD_ONLY : 0) | (k & 2u ? ENF_BF_IMAGE_ONLY : 0) |
              (k & 4u ? ENF_BF_TABLE : 0);
    return b;
}

struct enf__cells {
    double *skip[2];            /* cost of leaving each block unpaired */
    double prior[ENF__NSHAPES]; /* merge prior of each shape */
    int prune;                  /* every term after the priors is >= 0 */
    S_ids eruns[ENF__MAX_MERGE + 1];   /* English runs, by length */
    S_ids *zruns;               /* Chinese runs: [(start & mask) * (MAX+1) + length] */
    size_t mask;                /* columns kept - 1 (a power of 2 minus 1) */
    long row_b[S_ROWS];         /* English block of each row of s11 (-1 none) */
    long *s11_z;                /* [row * (mask+1) + (z & mask)]: Chinese block, -1 none */
    double *s11;                /* its similarity */
    double logs[S_LOGS * S_LOGS];
    long *llz_j;                /* [z & mask]: the Chinese block whose run logs
                                   llz holds, -1 none */
    double *llz;                /* [(z & mask) * (MAX+1) + n]: log(length of
                                   zh[z, z+n) + 8) */
    double *ll1;                /* [z]: log(length of zh[z] + 8), as S_run_log gives it */
    double *c11;                /* a row's 1-1 cheap terms, by cell (S_cheap11) */
    uint32_t *col;              /* per Chinese column j: bit s set when shape s
                                   can end there (its run starts at j - nj >= 0
                                   and the blocks merge) */
    unsigned char *kcls[2];     /* per block: its class for enf__kind_cost */
    int64_t *zsent;             /* [j]: the Chinese blocks' sentences before j
                                   (whole numbers: c->sents holds counts) */
    double kc[S_NCLS * S_NCLS]; /* enf__kind_cost of an English and a Chinese class */
    double kcmin[S_NCLS];       /* the lowest of an English class's row of kc */
};

static int S_ids_fill(const enf__bctx *c, int side, size_t start, int cnt, S_ids *u)
{
    size_t total = 0;
    for (int k = 0; k < cnt; k++)
        total += (size_t)c->sets[side][start + (size_t)k].n;
    size_t need = total < ENF__UNION_MAX ? total : ENF__UNION_MAX;
    if ((size_t)u->cap < need || !u->v) {
        int *nv = realloc(u->v, (need ? need : 1) * sizeof *nv);
        if (!nv)
            return -1;
        u->v = nv;
        u->cap = (int)(need ? need : 1);
    }
    u->start = (long)start;
    if (total > ENF__UNION_MAX) {
        /* cut as enf__anchor_sim cuts it */
        u->n = enf__run_ids(c, side, start, cnt, u->v);
        u->unique = 0;
        return 0;
    }
    /* merge the sorted lists, each id once (the Dice counts each once) */
    const enf__bset *S = &c->sets[side][start];
    int pos[ENF__MAX_MERGE] = {0};
    int n = 0;
    for (;;) {
        int best = -1;
        for (int k = 0; k < cnt; k++)
            if (pos[k] < S[k].n && (best < 0 || S[k].ids[pos[k]] < best))
                best = S[k].ids[pos[k]];
        if (best < 0)
            break;
        for (int k = 0; k < cnt; k++)
            if (pos[k] < S[k].n && S[k].ids[pos[k]] == best)
                pos[k]++;
        u->v[n++] = best;
    }
    u->n = n;
    u->unique = 1;
    memset(&u->sig, 0, sizeof u->sig);
    for (int k = 0; k < cnt; k++)
        enf__sig_or(&u->sig, &S[k].sig);
    return 0;
}

/* The ids of en[start, start+cnt) (side 0) or zh[...] (side 1); NULL on
 * out of memory. */
static const S_ids *S_run(const enf__bctx *c, enf__cells *x, int side, size_t start, int cnt)
{
    S_ids *u = side ? &x->zruns[(start & x->mask) * (ENF__MAX_MERGE + 1) + (size_t)cnt]
                    : &x->eruns[cnt];
    if (u->start == (long)start && u->v)
        return u;
    return S_ids_fill(c, side, start, cnt, u) ? NULL : u;
}

static inline int S_set_n(const enf__bset *s)
{
    return s->n < ENF__UNION_MAX ? s->n : ENF__UNION_MAX;
}

/* enf__anchor_sim(c, b, 1, z, 1), kept for the rows of the band in use. */
static inline double S_sim11(const enf__bctx *c, enf__cells *x, size_t b, size_t z)
{
    size_t r = b % S_ROWS, w = x->mask + 1;
    if (x->row_b[r] != (long)b) {
        for (size_t k = 0; k < w; k++)
            x->s11_z[r * w + k] = -1;
        x->row_b[r] = (long)b;
    }
    size_t k = r * w + (z & x->mask);
    if (x->s11_z[k] == (long)z)
        return x->s11[k];
    const enf__bset *A = &c->sets[0][b], *B = &c->sets[1][z];
    /* most pairs of the band share no anchor: then the Dice is 0, or
     * undefined without any (every id of a set has a weight above 0, so
     * the sums S_dice_unique would make are above 0 when a set is not
     * empty), with no merge of the lists */
    double v = !enf__sig_meet(&A->sig, &B->sig) ? (A->n || B->n ? 0.0 : -1)
                                  : S_dice_unique(c, A->ids, S_set_n(A), B->ids, S_set_n(B));
    x->s11_z[k] = (long)z;
    x->s11[k] = v;
    return v;
}

/* enf__anchor_sim(c, i, ni, j, nj, .) from the kept runs; -2 on out of
 * memory (the caller then asks enf__anchor_sim itself). */
static double S_sim(const enf__bctx *c, enf__cells *x, size_t i, int ni, size_t j, int nj)
{
    if (ni == 1 && nj == 1)
        return S_sim11(c, x, i, j);
    const int *ids[2];
    int n[2], unique = 1;
    const enf__sig *sig[2];
    for (int s = 0; s < 2; s++) {
        size_t at = s ? j : i;
        int cnt = s ? nj : ni;
        if (cnt == 1) {
            const enf__bset *set = &c->sets[s][at];
            ids[s] = set->ids;
            n[s] = S_set_n(set);
            sig[s] = &set->sig;
        } else {
            const S_ids *u = S_run(c, x, s, at, cnt);
            if (!u)
                return -2;
            ids[s] = u->v;
            n[s] = u->n;
            unique &= u->unique;
            sig[s] = &u->sig;
        }
    }
    if (unique && !enf__sig_meet(sig[0], sig[1]))   /* no id in common: as in S_sim11 */
        return n[0] || n[1] ? 0.0 : -1;
    double ws;
    return unique ? S_dice_unique(c, ids[0], n[0], ids[1], n[1])
                  : enf__dice(c, ids[0], n[0], ids[1], n[1], &ws);
}

static double S_sim_or_exact(const enf__bctx *c, enf__cells *x, size_t i, int ni, size_t j, int nj)
{
    double v = S_sim(c, x, i, ni, j, nj);
    if (v == -2) {
        double ws;
        v = enf__anchor_sim(c, i, ni, j, nj, &ws);
    }
    return v;
}

void enf__cells_free(enf__cells *x)
{
    if (!x)
        return;
    for (int s = 0; s < 2; s++)
        free(x->skip[s]);
    for (int n = 0; n <= ENF__MAX_MERGE; n++)
        free(x->eruns[n].v);
    if (x->zruns)
        for (size_t k = 0; k < (x->mask + 1) * (ENF__MAX_MERGE + 1); k++)
            free(x->zruns[k].v);
    free(x->zruns);
    free(x->s11_z);
    free(x->s11);
    free(x->llz_j);
    free(x->llz);
    free(x->ll1);
    free(x->c11);
    free(x->col);
    free(x->kcls[0]);
    free(x->kcls[1]);
    free(x->zsent);
    free(x);
}

int enf__cells_new(const enf__bctx *c, long width, enf__cells **out)
{
    const enf__bparams *p = &c->p;
    enf__cells *x = calloc(1, sizeof *x);
    *out = NULL;
    if (!x)
        return ENF_ENOMEM;
    size_t w = 64;
    while (w < (size_t)width + 2 * ENF__MAX_MERGE + 2)
        w *= 2;
    x->mask = w - 1;
    x->zruns = calloc(w * (ENF__MAX_MERGE + 1), sizeof *x->zruns);
    x->s11_z = malloc(S_ROWS * w * sizeof *x->s11_z);
    x->s11 = malloc(S_ROWS * w * sizeof *x->s11);
    x->llz_j = malloc(w * sizeof *x->llz_j);
    x->llz = malloc(w * (ENF__MAX_MERGE + 1) * sizeof *x->llz);
    x->ll1 = malloc((c->n[1] + 1) * sizeof *x->ll1);
    x->c11 = malloc(w * sizeof *x->c11);
    for (int s = 0; s < 2; s++)
        x->skip[s] = malloc((c->n[s] + 1) * sizeof(double));
    x->col = malloc((c->n[1] + 1) * sizeof *x->col);
    for (int s = 0; s < 2; s++)
        x->kcls[s] = malloc(c->n[s] + 1);
    x->zsent = calloc(c->n[1] + 1, sizeof *x->zsent);
    if (!x->zruns || !x->s11_z || !x->s11 || !x->llz_j || !x->llz || !x->ll1 || !x->c11 || !x->skip[0] || !x->skip[1] || !x->col || !x->kcls[0] ||
        !x->kcls[1] || !x->zsent) {
        enf__cells_free(x);
        return ENF_ENOMEM;
    }
    for (size_t k = 0; k < w * (ENF__MAX_MERGE + 1); k++)
        x->zruns[k].start = -1;
    for (int n = 0; n <= ENF__MAX_MERGE; n++)
        x->eruns[n].start = -1;
    for (int r = 0; r < S_ROWS; r++)
        x->row_b[r] = -1;
    for (size_t k = 0; k < w; k++)
        x->llz_j[k] = -1;
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < c->n[s]; k++) {
            float a, l;
            x->skip[s][k] = s ? enf__bead_cost(c, 0, 0, k, 1, &a, &l, ENF__INF)
                              : enf__bead_cost(c, k, 1, 0, 0, &a, &l, ENF__INF);
        }
    for (int s = 0; s < ENF__NSHAPES; s++) {
        int ni = enf__shapes[s][0], nj = enf__shapes[s][1];
        double pr = 0;
        if (ni > 1 && nj > 1)
            pr = p->merge22;
        else if (ni > 1 || nj > 1) {
            int m = ni > nj ? ni : nj;
            pr = p->merge2 + (m > 2 ? p->merge_n * (m - 2) : 0);
        }
        x->prior[s] = pr;
    }
    /* the kind costs of every pair of classes, by enf__kind_cost itself on a
     * block of each class: the same numbers, without the branches and the
     * two block loads per bead (kind 2 bits, level 0..7: all classes) */
    _Static_assert(ENF_BLOCK_HEADING == 0 && ENF_BLOCK_LINE == 4, "other kinds: 2 bits");
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < c->n[s]; k++)
            x->kcls[s][k] = S_kind_class(&c->doc[s]->blocks[k]);
    for (unsigned a = 0; a < S_NCLS; a++)
        for (unsigned b = 0; b < S_NCLS; b++) {
            enf_block e = S_class_block(a), z = S_class_block(b);
            x->kc[a * S_NCLS + b] = enf__kind_cost(c, &e, &z);
            if (b == 0 || x->kc[a * S_NCLS + b] < x->kcmin[a])
                x->kcmin[a] = x->kc[a * S_NCLS + b];
        }
    for (size_t j = 0; j < c->n[1]; j++)
        x->ll1[j] = log(enf__run_len(c, 1, j, 1) + 8.0);
    _Static_assert(ENF__NSHAPES <= 32, "a shape set is 32 bits");
    for (size_t j = 0; j <= c->n[1]; j++) {
        uint32_t m = 0;
        for (int s = 0; s < ENF__NSHAPES; s++) {
            size_t nj = (size_t)enf__shapes[s][1];
            if (nj <= j && (nj <= 1 || c->run[1][j - nj] >= (int)nj) &&
                /* three English blocks or more: not onto a list item */
                !(enf__shapes[s][0] > 2 && S_class_in_list(x->kcls[1][j - nj])))
                m |= 1u << s;
        }
        x->col[j] = m;
    }
    if (c->sents[1])
        for (size_t j = 0; j < c->n[1]; j++)
            x->zsent[j + 1] = x->zsent[j] + (int64_t)c->sents[1][j];
    for (int b = 0; b < S_LOGS; b++)
        for (int a = 0; a < S_LOGS; a++)
            x->logs[b * S_LOGS + a] = fabs(log(((double)b + 1.0) / ((double)a + 1.0)));
    x->prune = p->w_length >= 0 && p->length_cap >= 0 && p->w_sent >= 0 && p->w_colon >= 0 &&
               p->w_anchor >= 0 && p->no_anchor >= 0 && p->w_lex >= 0;
    *out = x;
    return ENF_OK;
}

/* |log((b + 1) / (a + 1))| for sentence counts a, b below S_LOGS, as the
 * cost computes it */
static inline double S_sent_log(const enf__cells *x, double se, double sz)
{
    /* both are whole numbers (sums of counts: align_cost.c, S_sentences) */
    if (se < S_LOGS && sz < S_LOGS)
        return x->logs[(int)sz * S_LOGS + (int)se];
    return fabs(log((sz + 1.0) / (se + 1.0)));
}

/* log(length of zh[j, j+n) + 8), the length term's Chinese half, kept for
 * the columns of the band in use (each is asked by every row). */
static inline double S_run_log(const enf__bctx *c, enf__cells *x, size_t j, int n)
{
    size_t k = j & x->mask;
    if (x->llz_j[k] != (long)j) {
        x->llz_j[k] = (long)j;
        double *v = &x->llz[k * (ENF__MAX_MERGE + 1)];
        for (int q = 1; q <= ENF__MAX_MERGE; q++)
            v[q] = -1;   /* not yet: a log of more than 8 is never negative */
    }
    double *v = &x->llz[k * (ENF__MAX_MERGE + 1) + (size_t)n];
    if (*v < 0)
        *v = log(enf__run_len(c, 1, j, n) + 8.0);
    return *v;
}

/* What the cost of every cell of a row reads, copied into the row's own
 * frame: the compiler then keeps it at hand across the stores the cells
 * make into the caches (which it could not tell apart from x or c). */
typedef struct {
    const unsigned char *kcls1, *colon1;
    const int64_t *zsent;
    double length_cap, w_colon, w_anchor;
    double skip0;   /* the row's 1-0 bead: leaving English block i - 1 unpaired */
    int colon;      /* colon of English block i - 1 (-1: the term is off) */
    int prune, sent;
} S_hot;

/* Where each shape of a row starts, and what its cost takes from the
 * row's English run (every shape's run ends at block i - 1): its row of
 * costs and the Chinese blocks j it can end at (the start cell j - nj in
 * that row's range); the English class's row of kind costs; the terms'
 * factors, each the product the cost forms first (per * weight), so that
 * the sums are the same doubles. */
typedef struct {
    const double *from;   /* the costs of row i - ni */
    long lo;              /* the cells j it reaches: from[j - lo], */
    unsigned long span;   /* for j - lo in [0, span] */
    const double *kc;     /* enf__kind_cost of the run's first block against each class */
    double prior;         /* merge prior (0 for 1-1) */
    double least;         /* the lowest kind cost of kc[] + prior: no cost of the shape is below */
    double per, wl, ws;   /* (ni + nj) / 2, per * w_length, per * w_sent */
    double lle, se;       /* log(English length + 8), English sentences */
    int ni, nj;
} S_start;

/* The length term of a bead whose Chinese side has log(length + 8) ll. */
static inline double S_length_term(const S_hot *h, const S_start *sh, double ll)
{
    double d = fabs(ll - sh->lle);
    if (d > h->length_cap)
        d = h->length_cap;
    return sh->wl * d;
}

/* cost with the sentence and colon terms of a bead from Chinese block j,
 * nj blocks long, added in enf__bead_cost's order. */
static inline double S_sent_colon(const enf__cells *x, const S_hot *h, const S_start *sh, size_t j,
                                  int nj, double cost)
{
    if (h->sent) {
        /* enf__run_sum of whole counts: the prefix sums' difference */
        double sz = (double)(h->zsent[j + (size_t)nj] - h->zsent[j]);
        if (sh->se > 0 && sz > 0)
            cost += sh->ws * S_sent_log(x, sh->se, sz);
    }
    if (h->colon >= 0 && h->colon != h->colon1[j + (size_t)nj - 1])
        cost += h->w_colon;
    return cost;
}

/* The terms of the 1-1 bead from (i, j) before its evidence, summed as
 * enf__bead_cost sums them: kind, length, sentences, colon.  They are
 * lookups, summed for a whole row in one loop before its cells (enf__row),
 * where nothing waits on a branch that goes either way. */
static inline double S_cheap11(const enf__cells *x, const S_hot *h, const S_start *sh, size_t j)
{
    double cost = 0;
    cost += sh->kc[h->kcls1[j]];
    cost += S_length_term(h, sh, x->ll1[j]);
    return S_sent_colon(x, h, sh, j, 1, cost);
}

/* Whether the worst member's similarity worst bounds a merge's cost (its
 * terms so far cost, its anchor weight wa) to base + it >= cur: the run's
 * own similarity is at most 1, so its mean with worst at most
 * (1 + worst) / 2. */
static inline int S_worst_stops(const S_hot *h, double base, double cost, double wa, double worst,
                                double cur)
{
    return h->prune && base + (cost + wa * (1.0 - 0.5 * (1.0 + worst))) >= cur;
}

/* A merge's member with anchors has similarity m: the least at or above
 * 0 so far (worst) taken down to it, and whether the bound on the merge's
 * cost that worst gives (see S_cost) now reaches cur.  A lower worst only
 * raises the bound, so a merge it stops here would be stopped once every
 * member is in. */
static inline __attribute__((always_inline)) int
S_lower_worst(double m, double *worst, const S_hot *h, double base, double cost, double wa,
              double cur)
{
    if (!(m >= 0 && m < *worst))
        return 0;
    *worst = m;
    return S_worst_stops(h, base, cost, wa, *worst, cur);
}

/* enf__bead_cost of the merge sh from (i, j) (the bead's first blocks)
 * for a cell whose best so far is cur, reached from a cell of cost base:
 * the same value, or ENF__INF when the terms summed so far show that
 * base + the cost cannot be below cur. */
static inline __attribute__((always_inline)) double
S_cost(const enf__bctx *c, enf__cells *x, const S_hot *h, const S_start *sh, int ni, int nj,
       size_t i, size_t j, double base, double cur)
{
    /* a run of three or more onto a list item: never asked (the column's
     * and the row's shape sets leave it out) */
    double cost = 0;
    cost += sh->kc[h->kcls1[j]];
    cost += sh->prior;
    cost += S_length_term(h, sh, nj == 1 ? x->ll1[j] : S_run_log(c, x, j, nj));
    /* Its kind cost and prior were weighed against cur before it was
     * asked (S_cell).  Every term is >= 0 (prune), so base + cost >= cur
     * here means base + the full cost is too. */
    if (h->prune && base + cost >= cur)
        return ENF__INF;
    cost = S_sent_colon(x, h, sh, j, nj, cost);
    if (cost >= cur - base)
        return cost;
    double per = sh->per;
    /* a merge: the similarity is the mean of the run's and its worst
     * member's (a member with anchors against the other side) */
    double worst = 1.0;   /* the least of theirs at or above 0: in any order */
    int anchored = 0;
    double wa = per * h->w_anchor;
    if (ni == 1 || nj == 1) {
        /* n-1 or 1-n: each block of the run against the other side's one
         * block, kept 1-1 */
        int side = nj == 1 ? 0 : 1;
        size_t at = side ? j : i, end = at + (size_t)(side ? nj : ni);
        const enf__bset *S = c->sets[side];
        for (size_t b = at; b < end; b++)
            if (S[b].n) {
                anchored = 1;
                double m = side ? S_sim11(c, x, i, b) : S_sim11(c, x, b, j);
                if (S_lower_worst(m, &worst, h, base, cost, wa, cur))
                    return ENF__INF;
            }
    } else {
        /* 2-2: each block against the other side's run */
        for (int k = 0; k < ni + nj; k++) {
            int en_side = k < ni;
            size_t b = en_side ? i + (size_t)k : j + (size_t)(k - ni);
            if (c->sets[en_side ? 0 : 1][b].n == 0)
                continue;
            anchored = 1;
            double m = en_side ? S_sim_or_exact(c, x, b, 1, j, nj) : S_sim_or_exact(c, x, i, ni, b, 1);
            if (S_lower_worst(m, &worst, h, base, cost, wa, cur))
                return ENF__INF;
        }
    }
    /* With a member that has anchors the run has some, so its similarity
     * is at least 0 and at most 1 and the evidence term is the anchors':
     * the cost is at least what a run similarity of 1 gives, which the
     * members' similarities (mostly kept 1-1 ones) tell before the run's
     * lists are merged (every step rounds up or down alike, so the bound
     * holds for the doubles too) */
    if (anchored && S_worst_stops(h, base, cost, wa, worst, cur))
        return ENF__INF;
    double sim = S_sim_or_exact(c, x, i, ni, j, nj);
    if (sim >= 0)
        sim = 0.5 * (sim + worst);
    return cost + enf__evidence_cost(c, i, ni, j, nj, per, sim, NULL);
}

/* nextafter(v, +infinity) for a finite v, without libm's call */
static inline double S_next_up(double v)
{
    if (v == 0)
        return DBL_TRUE_MIN;
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    u = v > 0 ? u + 1 : u - 1;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* The cost of the cell row i - ni, j - nj of shape s (where st[s] says it
 * is in that row's range; `edge`: check it), ENF__INF when out of range. */
static inline __attribute__((always_inline)) double S_from(const S_start *sh, long j, int edge)
{
    unsigned long k = (unsigned long)(j - sh->lo);
    if (edge && k > sh->span)
        return ENF__INF;
    return sh->from[k];
}

/* Cell j of row i (see enf__row).  The cell's best is the first of the
 * lowest costs in shape order.  The 1-0 and 0-1 beads (shapes 1 and 2)
 * are tried first, their costs being lookups: the bound they give spares
 * most 1-1 beads (shape 0) their similarity.  Shape 0 comes before them in
 * the order, so it wins a tie with them: it is tried against the next
 * double above their best, where "below" means "not above".  Every later
 * shape comes after both, as in the loop over shape order
 * (tests/align/test_row.c checks every cell against that loop).  `edge`:
 * some shape's start cell may be outside its row's range (the band's
 * ends); in the rest of the row none is, and that test is left out.
 * *c11: the cell's 1-1 cheap terms (S_cheap11), read only when the cell
 * can end a 1-1 bead. */
static inline __attribute__((always_inline)) void
S_cell(const enf__bctx *c, enf__cells *x, const S_hot *h, long i, long j, uint32_t row,
       const S_start *st, const double *c11, int edge, double *out, unsigned char *bp)
{
    double cur = (i == 0 && j == 0) ? 0 : ENF__INF;
    unsigned char best = 0;
    uint32_t all = row & x->col[j];
    if (all & 2u) {   /* 1-0 */
        double b = S_from(&st[1], j, edge);
        if (b < ENF__INF && b + h->skip0 < cur) {
            cur = b + h->skip0;
            best = 2;
        }
    }
    if (all & 4u) {   /* 0-1 */
        double b = S_from(&st[2], j, edge);
        double v = x->skip[1][j - 1];
        if (b < ENF__INF && b + v < cur) {
            cur = b + v;
            best = 3;
        }
    }
    if (all & 1u) {   /* 1-1: a tie with the beads above is its */
        double b = S_from(&st[0], j, edge);
        if (b < ENF__INF) {
            double lim = best && cur < ENF__INF ? S_next_up(cur) : cur;
            /* the cheap terms, summed before the row (see S_cheap11);
             * below lim only with the evidence */
            double v = *c11;
            if (v < lim - b)
                v += enf__evidence_cost(c, (size_t)(i - 1), 1, (size_t)(j - 1), 1, st[0].per,
                                        S_sim11(c, x, (size_t)(i - 1), (size_t)(j - 1)), NULL);
            if (b + v < lim) {
                cur = b + v;
                best = 1;
            }
        }
    }
    for (uint32_t m = all & ~7u; m; m &= m - 1) {
        int s = __builtin_ctz(m);   /* lowest first: shape order */
        const S_start *sh = &st[s];
        double b = S_from(sh, j, edge);
        /* b >= INF, or no cost of the shape can bring it below cur */
        if (b >= ENF__INF || (h->prune && b + sh->least >= cur))
            continue;
        double v = S_cost(c, x, h, sh, sh->ni, sh->nj, (size_t)(i - sh->ni), (size_t)(j - sh->nj),
                          b, cur);
        if (b + v < cur) {
            cur = b + v;
            best = (unsigned char)(s + 1);
        }
    }
    *out = cur;
    *bp = best;
}

void enf__row(const enf__bctx *c, enf__cells *x, long i, double *const *rows, const long *rlo,
              const long *rhi, unsigned char *bp)
{
    const enf__bparams *p = &c->p;
    /* the English side of every shape ends at block i - 1 */
    int ok[ENF__MAX_MERGE + 1] = {0};
    double lle[ENF__MAX_MERGE + 1] = {0}, se[ENF__MAX_MERGE + 1] = {0};
    for (int ni = 1; ni <= ENF__MAX_MERGE && ni <= i; ni++) {
        size_t pi = (size_t)(i - ni);
        ok[ni] = rows[ni] && (ni == 1 || c->run[0][pi] >= ni);
        if (ok[ni]) {
            lle[ni] = log(enf__run_len(c, 0, pi, ni) + 8.0);
            se[ni] = c->sents[0] ? enf__run_sum(c->sents[0], pi, ni) : 0;
        }
    }
    /* the shapes this row can end, in shape order (the search keeps the
     * first of equal costs, so the order is the result's) */
    uint32_t row = 0;
    for (int s = 0; s < ENF__NSHAPES; s++) {
        int ni = enf__shapes[s][0];
        if (ni <= i && (!ni || ok[ni]) &&
            /* three Chinese blocks or more: not onto a list item */
            !(enf__shapes[s][1] > 2 && S_class_in_list(x->kcls[0][i - ni])))
            row |= 1u << s;
    }
    /* [in_lo, in_hi]: the cells whose every shape starts in range */
    long in_lo = rlo[0], in_hi = rhi[0];
    S_start st[ENF__NSHAPES];
    for (uint32_t m = row; m; m &= m - 1) {
        int s = __builtin_ctz(m), ni = enf__shapes[s][0], nj = enf__shapes[s][1];
        S_start *sh = &st[s];
        sh->from = rows[ni];
        sh->lo = rlo[ni] + nj;
        sh->span = rhi[ni] >= rlo[ni] ? (unsigned long)(rhi[ni] - rlo[ni]) : 0;
        if (rhi[ni] < rlo[ni])   /* empty: j - lo is negative, huge unsigned */
            sh->lo = LONG_MAX / 2;
        if (sh->lo > in_lo)
            in_lo = sh->lo;
        if (sh->lo + (long)sh->span < in_hi)
            in_hi = sh->lo + (long)sh->span;
        sh->ni = ni;
        sh->nj = nj;
        sh->per = (ni + nj) / 2.0;
        sh->wl = sh->per * p->w_length;
        sh->ws = sh->per * p->w_sent;
        sh->lle = lle[ni];
        sh->se = se[ni];
        sh->prior = x->prior[s];
        if (ni) {
            unsigned ke = x->kcls[0][i - ni];
            sh->kc = &x->kc[ke * S_NCLS];
            /* as S_cost sums them: the kind cost, then the prior */
            sh->least = x->kcmin[ke];
            if (ni > 1 || nj > 1)
                sh->least += sh->prior;
        }
    }
    S_hot h;
    h.kcls1 = x->kcls[1];
    h.colon1 = c->colon[1];
    h.zsent = x->zsent;
    h.length_cap = p->length_cap;
    h.w_colon = p->w_colon;
    h.w_anchor = p->w_anchor;
    h.skip0 = i > 0 ? x->skip[0][i - 1] : ENF__INF;
    h.colon = c->colon[0] && i > 0 ? c->colon[0][i - 1] : -1;
    h.prune = x->prune;
    h.sent = p->w_sent > 0 && c->sents[0];
    /* the 1-1 bead's cheap terms of every cell that can end one, c11[j] */
    const double *c11 = x->c11;
    if (row & 1u)
        for (long q = rlo[0] > 1 ? rlo[0] : 1; q <= rhi[0]; q++)
            x->c11[q - rlo[0]] = S_cheap11(x, &h, &st[0], (size_t)(q - 1));
    long j = rlo[0];
    double *out = rows[0];
    for (; j <= rhi[0] && j < in_lo; j++)
        S_cell(c, x, &h, i, j, row, st, &c11[j - rlo[0]], 1, &out[j - rlo[0]], &bp[j - rlo[0]]);
    for (; j <= in_hi; j++)
        S_cell(c, x, &h, i, j, row, st, &c11[j - rlo[0]], 0, &out[j - rlo[0]], &bp[j - rlo[0]]);
    for (; j <= rhi[0]; j++)
        S_cell(c, x, &h, i, j, row, st, &c11[j - rlo[0]], 1, &out[j - rlo[0]], &bp[j - rlo[0]]);
}
