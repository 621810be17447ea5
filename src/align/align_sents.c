/* align_sents.c — the sentence aligner's search: a banded dynamic programme
 * over beads up to 1-4/4-1 and 2-3/3-2 (align blocks first, then sentences
 * inside each block pair; or whole texts with --units lines).  Cost of a
 * bead = prior + loose Gale-Church length term (Chinese length in English
 * characters: Han scaled by the document's ratio, copied Latin text, URLs
 * and numbers one for one) + quotation term (the bead ends inside a
 * quotation on one side only: dialogue cut where the translation does not
 * cut it) + lexical term, where the lexical similarity (sent_sim.c) is
 * measured against what random beads of the same shape score on the same
 * texts.  The aligner object and options are in sent_aligner.c, the
 * learning pass in sent_learn.c. */
#include "enface/align.h"
#include "model_internal.h"
#include "align_sents_internal.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bead shapes as (Chinese count, English count).  One Chinese sentence
 * also pairs with five or six English ones, not the other way: whichever
 * side is the original, the Chinese holds fewer, longer sentences (an
 * English translator splits them, a Chinese one merges); on MAC-Dev those
 * two shapes are 6 of 1,343 gold beads, and 2-4, 4-2, 3-3 (3 beads) cost
 * a quarter more time for 0.002 F1 */
const int enf__sent_shape[ENF__SENT_NSHAPES][2] = {
    {1, 1}, {1, 0}, {0, 1}, {1, 2}, {2, 1}, {2, 2},
    {1, 3}, {3, 1}, {1, 4}, {4, 1}, {2, 3}, {3, 2},
    {1, 5}, {1, 6}};

/* ---------------------------------------------------------------- cost */

static double S_len_cost(const enf_sent_aligner *sa, size_t s0, int a, size_t t0, int b)
{
    double lz = enf__sent_zh_len(sa, s0, a);
    double le = sa->es[t0 + (size_t)b].cum_chars - sa->es[t0].cum_chars;
    double mean = (lz + le) / 2;
    if (mean < 1)
        mean = 1;
    double d = fabs(le - lz) / sqrt(sa->o.len_var * mean) * ENF__SENT_LENSTEP;
    if (d >= ENF__SENT_LENTAB)
        return sa->lencost[ENF__SENT_LENTAB];
    size_t k = (size_t)d;
    double f = d - (double)k;
    return sa->lencost[k] * (1 - f) + sa->lencost[k + 1] * f;
}

/* The cost of a bead of shape sh at zh s0, en t0 before its lexical
 * reward; DBL_MAX when prev plus the bead's cost cannot be below best.  The
 * reward is at most w_lex / 2 per member with evidence (its normalised
 * similarity is at most 1; a margin covers one a rounding above), so the
 * base less that is a floor of the cost, and floating point keeps it one
 * (every later step is monotone).  The floor is tried before the length
 * term (which is never negative) too, as it is most of this function. */
static double S_bead_base(const enf_sent_aligner *sa, int sh, size_t s0, size_t t0, double prev,
                          double best)
{
    int a = enf__sent_shape[sh][0], b = enf__sent_shape[sh][1];
    const enf_sent_opts *o = &sa->o;
    size_t ze = s0 + (size_t)a, ee = t0 + (size_t)b;
    double q = sa->zquoted[ze] != sa->equoted[ee] && (ze != sa->zend || ee != sa->eend)
                   ? o->w_quote
                   : 0;
    if (!a || !b)
        return o->p_skip + q;
    size_t most = sa->zs[s0 + (size_t)a].cum_ev - sa->zs[s0].cum_ev +
                  sa->es[t0 + (size_t)b].cum_ev - sa->es[t0].cum_ev;
    double gain = o->w_lex * 0.5 * (o->gamma == 1 ? (double)most : pow((double)most, o->gamma)) *
                  (1 + 1e-9);
    double c = o->p_merge * (a + b - 2) + (a >= 2 && b >= 2 ? o->p_many : 0) + q;
    if (prev + (c - gain) >= best)
        return DBL_MAX;
    c += o->w_len * S_len_cost(sa, s0, a, t0, b);
    if (prev + (c - gain) >= best)
        return DBL_MAX;
    return c;
}

/* The cost of that bead, from its base (S_bead_base). */
static double S_bead_cost(enf_sent_aligner *sa, int sh, size_t s0, size_t t0, double base,
                          double *simout)
{
    int a = enf__sent_shape[sh][0], b = enf__sent_shape[sh][1];
    const enf_sent_opts *o = &sa->o;
    double c = base;
    *simout = -1;
    if (!a || !b)
        return c;
    int def, members;
    double sim = enf__sent_sim(sa, s0, a, t0, b, &def, &members);
    if (def) {
        /* the reward grows with the sentences that have evidence, so a
         * sentence without any is not merged in just to collect it */
        double norm = enf__sent_chance_norm(sa, sh, sim);
        c -= o->w_lex * 0.5 * (o->gamma == 1 ? members : pow(members, o->gamma)) * norm;
        *simout = sim;
    }
    return c;
}

/* ---------------------------------------------------------------- search */

/* Anchor points for the band: tokens that occur once in the Chinese range
 * and once in the English range (numbers, Latin words, names), kept when
 * they form a monotone chain (longest increasing subsequence). */
typedef struct {
    long i, j;
} S_pt;

static size_t S_anchor_chain(const enf_sent_aligner *sa, size_t en0, size_t ne, size_t zh0,
                             size_t nz, S_pt **out)
{
    *out = NULL;
    enf__sent_map cz = {0}, ce = {0}, where = {0};
    size_t n = 0;
    S_pt *pts = NULL, *chain = NULL;
    long *tail = NULL, *prev = NULL;
    int ok = 1;
    for (size_t i = 0; i < nz && ok; i++) {
        const enf__sent_info *z = &sa->zs[zh0 + i];
        for (size_t k = z->tok; k < z->tok + z->ntok && ok; k++)
            if (!sa->zt[k].ngl && sa->zt[k].one)
                ok = !enf__sent_map_add(&cz, sa->zt[k].one, 1) &&
                     !enf__sent_map_add(&where, sa->zt[k].one ^ 0x5bd1e995u,
                                        (uint32_t)i + 1);
    }
    for (size_t j = 0; j < ne && ok; j++) {
        const enf__sent_info *e = &sa->es[en0 + j];
        for (size_t k = e->tok; k < e->tok + e->ntok && ok; k++)
            if (enf__sent_map_get(&cz, sa->et[k]))
                ok = !enf__sent_map_add(&ce, sa->et[k], 1);
    }
    if (ok && ce.n) {
        pts = malloc(ce.n * sizeof *pts);
        ok = pts != NULL;
    }
    for (size_t j = 0; j < ne && ok && pts; j++) {
        const enf__sent_info *e = &sa->es[en0 + j];
        for (size_t k = e->tok; k < e->tok + e->ntok; k++) {
            uint64_t h = sa->et[k];
            if (enf__sent_map_get(&ce, h) == 1 &&
                enf__sent_map_get(&cz, h) == 1) {
                uint32_t wi = enf__sent_map_get(&where, h ^ 0x5bd1e995u);
                pts[n].i = (long)wi - 1;
                pts[n].j = (long)j;
                n++;
            }
        }
    }
    size_t len = 0;
    if (ok && n) {
        /* pts are in j order; sort by i (stable on j) for the chain */
        for (size_t a = 1; a < n; a++) {
            S_pt x = pts[a];
            size_t b = a;
            while (b > 0 && (pts[b - 1].i > x.i || (pts[b - 1].i == x.i && pts[b - 1].j > x.j))) {
                pts[b] = pts[b - 1];
                b--;
            }
            pts[b] = x;
        }
        tail = malloc(n * sizeof *tail);
        prev = malloc(n * sizeof *prev);
        chain = malloc(n * sizeof *chain);
        if (tail && prev && chain) {
            for (size_t a = 0; a < n; a++) {
                /* strictly increasing in both i and j */
                size_t lo = 0, hi = len;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    const S_pt *t = &pts[tail[mid]];
                    if (t->j < pts[a].j && t->i < pts[a].i)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                prev[a] = lo ? tail[lo - 1] : -1;
                tail[lo] = (long)a;
                if (lo == len)
                    len++;
            }
            long k = len ? tail[len - 1] : -1;
            for (size_t q = len; q-- > 0;) {
                chain[q] = pts[k];
                k = prev[k];
            }
        } else {
            len = 0;
        }
    }
    free(pts);
    free(tail);
    free(prev);
    enf__sent_map_free(&cz);
    enf__sent_map_free(&ce);
    enf__sent_map_free(&where);
    if (!len) {
        free(chain);
        return 0;
    }
    *out = chain;
    return len;
}

/* The band centre for every Chinese position: the length diagonal between
 * consecutive anchor points (and the two corners). */
static int S_centres(const enf_sent_aligner *sa, size_t en0, size_t ne, size_t zh0, size_t nz,
                     long *cen)
{
    S_pt *chain = NULL;
    size_t nc = S_anchor_chain(sa, en0, ne, zh0, nz, &chain);
    S_pt *pts = malloc((nc + 2) * sizeof *pts);
    double *cz = malloc((nz + 1) * sizeof *cz), *ce = malloc((ne + 1) * sizeof *ce);
    if (!pts || !cz || !ce) {
        free(chain);
        free(pts);
        free(cz);
        free(ce);
        return -1;
    }
    size_t np = 0;
    pts[np++] = (S_pt){0, 0};
    for (size_t k = 0; k < nc; k++)
        if (chain[k].i > pts[np - 1].i && chain[k].j > pts[np - 1].j &&
            chain[k].i < (long)nz && chain[k].j < (long)ne)
            pts[np++] = chain[k];
    pts[np++] = (S_pt){(long)nz, (long)ne};
    free(chain);
    cz[0] = ce[0] = 0;
    for (size_t i = 0; i < nz; i++)
        cz[i + 1] = cz[i] + sa->zs[zh0 + i].nchars + 1;
    for (size_t j = 0; j < ne; j++)
        ce[j + 1] = ce[j] + sa->es[en0 + j].nchars + 1;
    size_t seg = 0;
    long j = 0;
    for (size_t i = 0; i <= nz; i++) {
        while (seg + 1 < np - 1 && (long)i >= pts[seg + 1].i)
            seg++;
        const S_pt *a = &pts[seg], *b = &pts[seg + 1];
        double dz = cz[b->i] - cz[a->i];
        double f = dz > 0 ? (cz[i] - cz[a->i]) / dz : 0;
        double target = ce[a->j] + f * (ce[b->j] - ce[a->j]);
        if (j < a->j)
            j = a->j;
        while (j < b->j && (ce[j] + ce[j + 1]) / 2 < target)
            j++;
        cen[i] = j;
    }
    cen[nz] = (long)ne;
    free(pts);
    free(cz);
    free(ce);
    return 0;
}

/* Whether a quotation is open before each sentence of [s0, s0 + n) and
 * after the last, none being open at s0: a block's quotations are its own
 * (a stray mark of one block pair does not carry into the next), a whole
 * text's (--units lines) may go on over several lines.  One that nothing
 * closes before the range ends is a stray mark (a translator's unbalanced
 * quote), not a quotation: it would make every bead after it pay.
 * Whether a quotation is open at any sentence boundary of the range. */
static int S_quotes(const enf__sent_info *s, size_t s0, size_t n, unsigned char *quoted)
{
    quoted[s0] = 0;
    for (size_t i = s0; i < s0 + n; i++)
        quoted[i + 1] = s[i].quote < 0 ? quoted[i] : (unsigned char)s[i].quote;
    for (size_t i = s0 + n; i > s0 && quoted[i]; i--)
        quoted[i] = 0;
    for (size_t i = s0; i < s0 + n; i++)
        if (quoted[i + 1])
            return 1;
    return 0;
}

int enf_sent_aligner_align(enf_sent_aligner *sa, size_t en0, size_t n_en, size_t zh0,
                           size_t n_zh, enf_alignment **out, enf_error *err)
{
    *out = NULL;
    if (en0 + n_en > sa->ne || zh0 + n_zh > sa->nz)
        return enf_error_set(err, ENF_EUSAGE, "sentence range out of bounds");
    enf_alignment *al = calloc(1, sizeof *al);
    if (!al)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    al->en_per_han = sa->ratio;   /* English chars per Chinese char */
    for (int r = 0; r < ENF__SENT_ROWS; r++)
        sa->rows[r].s = -1;
    size_t nz = n_zh, ne = n_en;
    /* a side without a quotation over sentences says nothing of the
     * other's (a translator who quotes a prompt the English writes
     * plainly, or one whose quotes each close in their sentence) */
    if (S_quotes(sa->zs, zh0, nz, sa->zquoted) + S_quotes(sa->es, en0, ne, sa->equoted) < 2) {
        memset(sa->zquoted + zh0, 0, nz + 1);
        memset(sa->equoted + en0, 0, ne + 1);
    }
    sa->zend = zh0 + nz;
    sa->eend = en0 + ne;
    long W = sa->o.band;
    if ((long)ne + 1 <= 2 * W + 1 || (long)nz + 1 <= 2 * W + 1 || nz == 0 || ne == 0)
        W = (long)(ne > nz ? ne : nz) + 1;   /* small: search everything */
    /* band centres along the length diagonal (cumulative characters) */
    long *cen = malloc((nz + 1) * sizeof *cen);
    size_t *off = malloc((nz + 2) * sizeof *off);
    if (!cen || !off) {
        free(cen);
        free(off);
        free(al);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    if (S_centres(sa, en0, ne, zh0, nz, cen)) {
        free(cen);
        free(off);
        free(al);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    int rc = ENF_OK;
    double *D = NULL;
    unsigned char *B = NULL;
    int recentred = 0;
    for (;;) {
        off[0] = 0;
        for (size_t i = 0; i <= nz; i++) {
            long lo = cen[i] - W, hi = cen[i] + W;
            if (lo < 0)
                lo = 0;
            if (hi > (long)ne)
                hi = (long)ne;
            off[i + 1] = off[i] + (size_t)(hi - lo + 1);
        }
        D = malloc(off[nz + 1] * sizeof *D);
        B = malloc(off[nz + 1]);
        if (!D || !B) {
            rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
            goto done;
        }
#define S_LO(i) (cen[i] - W < 0 ? 0 : cen[i] - W)
#define S_HI(i) (cen[i] + W > (long)ne ? (long)ne : cen[i] + W)
        for (size_t i = 0; i <= nz; i++) {
            long lo = S_LO(i), hi = S_HI(i);
            for (long j = lo; j <= hi; j++) {
                double best = DBL_MAX;
                int bsh = 255;
                if (i == 0 && j == 0)
                    best = 0;
                for (int sh = 0; sh < ENF__SENT_NSHAPES; sh++) {
                    int a = enf__sent_shape[sh][0];
                    int b = enf__sent_shape[sh][1];
                    if ((long)i < a || j < b)
                        continue;
                    size_t pi = i - (size_t)a;
                    long pj = j - b;
                    if (pj < S_LO(pi) || pj > S_HI(pi))
                        continue;
                    double prev = D[off[pi] + (size_t)(pj - S_LO(pi))];
                    if (prev == DBL_MAX)
                        continue;
                    /* a bead whose floor is not below the best so far
                     * cannot win: its similarity is not measured (cheaper
                     * shapes come first, so this spares most merged ones) */
                    double sim;
                    double base = S_bead_base(sa, sh, zh0 + pi, en0 + (size_t)pj, prev, best);
                    if (base == DBL_MAX)
                        continue;
                    double c = prev + S_bead_cost(sa, sh, zh0 + pi, en0 + (size_t)pj, base, &sim);
                    if (c < best) {
                        best = c;
                        bsh = sh;
                    }
                }
                D[off[i] + (size_t)(j - lo)] = best;
                B[off[i] + (size_t)(j - lo)] = (unsigned char)bsh;
            }
        }
        if ((long)ne >= S_LO(nz) && D[off[nz] + (size_t)((long)ne - S_LO(nz))] != DBL_MAX) {
            /* a path that runs along the edge of the band was probably
             * pushed there by it: centre the band on that path and search
             * again (the band then moves towards the true path by up to
             * its width each time), a few times at most */
            int edge = 0;
            size_t i = nz;
            long j = (long)ne;
            while ((i > 0 || j > 0) && !edge) {
                int sh = B[off[i] + (size_t)(j - S_LO(i))];
                i -= (size_t)enf__sent_shape[sh][0];
                j -= enf__sent_shape[sh][1];
                edge = (j > 0 && j == S_LO(i)) || (j < (long)ne && j == S_HI(i));
            }
            if (!edge || recentred >= 4 || W >= (long)(ne > nz ? ne : nz))
                break;
            recentred++;
            long *nc = malloc((nz + 1) * sizeof *nc);
            if (!nc) {
                rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
                goto done;
            }
            i = nz;
            j = (long)ne;
            nc[nz] = (long)ne;
            while (i > 0) {
                int sh = B[off[i] + (size_t)(j - S_LO(i))];
                int a = enf__sent_shape[sh][0], b = enf__sent_shape[sh][1];
                for (int q = 1; q < a; q++)
                    nc[i - (size_t)q] = j - (long)((double)b * q / a + 0.5);
                i -= (size_t)a;
                j -= b;
                nc[i] = j;   /* the lowest j of the row's cells on the path */
            }
            nc[0] = 0;
            free(cen);
            cen = nc;
            free(D);
            free(B);
            D = NULL;
            B = NULL;
            continue;
        }
        /* the band missed the path: widen it and search again */
        free(D);
        free(B);
        D = NULL;
        B = NULL;
        W = W * 4 + 4;
    }
    /* backtrack */
    {
        size_t cap = 0, n = 0;
        enf_bead *v = NULL;
        size_t i = nz;
        long j = (long)ne;
        while (i > 0 || j > 0) {
            int sh = B[off[i] + (size_t)(j - S_LO(i))];
            int a = enf__sent_shape[sh][0], b = enf__sent_shape[sh][1];
            /* most runs are a block's few sentences, and a corpus keeps one
             * alignment per block pair until it is written: small first */
            if (enf__grow_small((void **)&v, &cap, n + 1, sizeof *v)) {
                free(v);
                rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
                goto done;
            }
            enf_bead *bd = &v[n++];
            memset(bd, 0, sizeof *bd);
            bd->zh = zh0 + i - (size_t)a;
            bd->n_zh = (size_t)a;
            bd->en = en0 + (size_t)(j - b);
            bd->n_en = (size_t)b;
            double sim;
            bd->cost = S_bead_cost(sa, sh, bd->zh, bd->en,
                                   S_bead_base(sa, sh, bd->zh, bd->en, 0, DBL_MAX), &sim);
            bd->anchor_sim = (float)sim;
            double lz = enf__sent_zh_len(sa, bd->zh, a), le = 0;
            for (int q = 0; q < b; q++)
                le += sa->es[bd->en + (size_t)q].nchars;
            bd->length_ratio = le > 0 ? (float)(lz / le) : 0;
            double per = bd->cost / (0.5 * (a + b));
            bd->score = 1.0 / (1.0 + exp(1.5 * per + 0.5));
            if (!a || !b)
                bd->score = 0;
            if (bd->score < sa->o.low_confidence)
                bd->flags |= ENF_BEAD_LOW_CONFIDENCE;
            i -= (size_t)a;
            j -= b;
        }
        for (size_t k = 0; k < n / 2; k++) {
            enf_bead t = v[k];
            v[k] = v[n - 1 - k];
            v[n - 1 - k] = t;
        }
        /* exactly n: the doubling's slack times every block pair of a
         * corpus was most of its memory */
        if (n && n < cap) {
            enf_bead *t = realloc(v, n * sizeof *v);
            if (t)
                v = t;
        }
        al->beads = v;
        al->n_beads = n;
    }
#undef S_LO
#undef S_HI
done:
    free(D);
    free(B);
    free(cen);
    free(off);
    if (rc) {
        enf_alignment_free(al);
        return rc;
    }
    *out = al;
    return ENF_OK;
}

/* ---------------------------------------------------------------- lines */

int enf_align_sentences(const enf_doc *left, const enf_doc *right, const enf_lexicon *lx,
                        const enf_sent_opts *opts, enf_alignment **out, enf_error *err)
{
    *out = NULL;
    int swap = enf_doc_han_share(left, NULL) > enf_doc_han_share(right, NULL);   /* left is the Chinese */
    const enf_doc *en = swap ? right : left, *zh = swap ? left : right;
    const char **es = malloc((en->n_blocks + 1) * sizeof *es);
    const char **zs = malloc((zh->n_blocks + 1) * sizeof *zs);
    size_t *el = malloc((en->n_blocks + 1) * sizeof *el);
    size_t *zl = malloc((zh->n_blocks + 1) * sizeof *zl);
    int rc;
    enf_sent_aligner *sa = NULL;
    if (!es || !zs || !el || !zl) {
        rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < en->n_blocks; i++) {
        es[i] = en->blocks[i].text;
        el[i] = en->blocks[i].text_len;
    }
    for (size_t i = 0; i < zh->n_blocks; i++) {
        zs[i] = zh->blocks[i].text;
        zl[i] = zh->blocks[i].text_len;
    }
    rc = enf_sent_aligner_new(lx, opts, es, el, en->n_blocks, zs, zl, zh->n_blocks, &sa, err);
    if (!rc)
        rc = enf_sent_aligner_align(sa, 0, en->n_blocks, 0, zh->n_blocks, out, err);
    int learn = enf__sent_learn_passes(&sa->o, lx);
    for (int pass = 0; !rc && pass < learn; pass++) {
        /* another pass with the word pairs the previous one implies */
        enf_alignment *first = *out;
        *out = NULL;
        rc = enf_sent_aligner_learn(sa, first, err);
        if (!rc)
            rc = enf_sent_aligner_align(sa, 0, en->n_blocks, 0, zh->n_blocks, out, err);
        enf_alignment_free(first);
    }
    if (!rc && swap) {
        enf_alignment *al = *out;
        for (size_t k = 0; k < al->n_beads; k++) {
            enf_bead *b = &al->beads[k];
            size_t t = b->en, tn = b->n_en;
            b->en = b->zh;
            b->n_en = b->n_zh;
            b->zh = t;
            b->n_zh = tn;
            if (b->length_ratio > 0)
                b->length_ratio = 1.0f / b->length_ratio;
        }
    }
done:
    enf_sent_aligner_free(sa);
    free(es);
    free(zs);
    free(el);
    free(zl);
    return rc;
}
