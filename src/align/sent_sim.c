/* sent_sim.c — the lexical evidence of the sentence aligner: the tokens of
 * every sentence that can match the other side (dictionary glosses, learned
 * pairs, numbers, names, cues; see lexicon_tokens.c), their idf weights, the
 * similarity of a bead, and what random beads of the same shape score, so a
 * long bead does not win just by having more words. */
#include "enface/align.h"
#include "model_internal.h"
#include "lexicon.h"
#include "align_sents_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_CHANCE_SAMPLES 256

/* ---------------------------------------------------------------- tokens */

static size_t S_pow2(size_t n)
{
    size_t s = 4;
    while (s < 2 * n + 2)
        s *= 2;
    return s;
}

static int S_zt_has_in(const enf__sent_tok *t, const enf__sent_map *m)
{
    const uint64_t *g = t->ngl ? t->gl : &t->one;
    uint32_t ng = t->ngl ? t->ngl : (t->one ? 1 : 0);
    for (uint32_t k = 0; k < ng; k++)
        if (enf__sent_map_get(m, g[k]))
            return 1;
    for (uint32_t k = 0; k < t->npy; k++)
        if (enf__sent_map_get(m, t->py[k]))
            return 1;
    return 0;
}

/* Gloss lists longer than a token's own (its characters' glosses, pairs
 * learned for it), built once per Chinese key in sa->xgl during one
 * preparation: a word's list depends on the word only. */
typedef struct {
    enf__sent_map idx;         /* key -> 1 + index into off / n */
    uint32_t *off, *n;         /* n 0: the token's own list will do */
    size_t len, ocap, ncap;
    size_t xcap, nx;           /* sa->xgl's allocation and use */
} S_ext;

/* The glosses of raw token t of sentence text s: its own (n in *ng), or a
 * longer list in sa->xgl at *xoff (returned 1; the pointer is valid until
 * the next call).  0: its own; -1: out of memory. */
static int S_glosses(enf_sent_aligner *sa, S_ext *x, const char *s, const enf__ztok *t,
                     const uint64_t **g, uint32_t *ng, size_t *xoff)
{
    *g = t->gl;
    *ng = t->ngl;
    int chars = sa->o.char_gloss > 0 && t->len > 0;
    uint32_t li = sa->learn.n ? enf__sent_map_get(&sa->learn, t->key) : 0;
    if (!chars && !li)
        return 0;
    uint32_t k = enf__sent_map_get(&x->idx, t->key);
    if (!k) {
        size_t start = x->nx, len = x->nx;
        size_t need = len + t->ngl + 1 + (li ? sa->lcnt[li - 1] : 0);
        if (enf__grow((void **)&sa->xgl, &x->xcap, need, sizeof *sa->xgl))
            return -1;
        for (uint32_t q = 0; q < t->ngl; q++)
            sa->xgl[len++] = t->gl[q];
        if (!t->ngl && t->one)
            sa->xgl[len++] = t->one;
        size_t own = len - start;
        if (chars && enf__lex_char_glosses(sa->lx, s + t->off, t->len, (uint32_t)sa->o.char_gloss,
                                           &sa->xgl, &x->xcap, start, &len))
            return -1;
        if (li) {
            if (enf__grow((void **)&sa->xgl, &x->xcap, len + sa->lcnt[li - 1], sizeof *sa->xgl))
                return -1;
            for (uint32_t q = 0; q < sa->lcnt[li - 1]; q++)
                sa->xgl[len++] = sa->lpool[sa->loff[li - 1] + q];
        }
        if (enf__grow((void **)&x->off, &x->ocap, x->len + 1, sizeof *x->off) ||
            enf__grow((void **)&x->n, &x->ncap, x->len + 1, sizeof *x->n) ||
            enf__sent_map_add(&x->idx, t->key, (uint32_t)x->len + 1))
            return -1;
        x->off[x->len] = (uint32_t)start;
        x->n[x->len] = len - start > own ? (uint32_t)(len - start) : 0;
        x->nx = x->n[x->len] ? len : start;
        k = (uint32_t)++x->len;
    }
    if (!x->n[k - 1])
        return 0;
    *xoff = x->off[k - 1];
    *g = sa->xgl + *xoff;
    *ng = x->n[k - 1];
    return 1;
}

/* One random bead of the chance estimate: where it starts, and when it
 * was drawn. */
typedef struct {
    size_t s0, t0;
    int k;
} S_sample;

static int S_cmp_sample(const void *x, const void *y)
{
    const S_sample *a = x, *b = y;
    if (a->s0 != b->s0)
        return a->s0 < b->s0 ? -1 : 1;
    if (a->t0 != b->t0)
        return a->t0 < b->t0 ? -1 : 1;
    return (a->k > b->k) - (a->k < b->k);
}

/* Steps that depend on the tokens: (re)build the matchable tokens of every
 * sentence (dictionary glosses plus the pairs learned from a first
 * alignment), their idf weights and the chance similarity per shape.
 * Sentences are tokenized twice (once for the universes, once to keep
 * what can match) so no raw token list of the whole text is held. */
int enf__sent_prepare(enf_sent_aligner *sa)
{
    size_t n_zh = sa->nz, n_en = sa->ne;
    enf__ztok *zv = NULL;
    enf__etok *ev = NULL;
    size_t zcap = 0, ecap = 0;
    enf__sent_map zuni = {0}, euni = {0}, zdf = {0}, edf = {0};
    uint64_t *zkey = NULL;
    S_ext x = {0};
    size_t zkcap = 0, ztcap = 0, etcap = 0;
    size_t *fix = NULL, nfix = 0, fixcap = 0;   /* zt index, xgl offset pairs */
    int rc = -1;
    free(sa->zt);
    free(sa->et);
    free(sa->zw);
    free(sa->ew);
    free(sa->xgl);
    sa->zt = NULL;
    sa->et = NULL;
    sa->zw = sa->ew = NULL;
    sa->xgl = NULL;

    /* 1. the universe of hashes each side can offer */
    for (size_t i = 0; i < n_en; i++) {
        size_t nev = 0;
        if (enf__lex_tokens_en(sa->lx, sa->etext[i], sa->elen[i], &ev, &nev, &ecap))
            goto done;
        for (size_t k = 0; k < nev; k++)
            if (enf__sent_map_add(&euni, ev[k].h, 1))
                goto done;
    }
    for (size_t i = 0; i < n_zh; i++) {
        size_t nzv = 0;
        if (enf__lex_tokens_zh(sa->lx, sa->ztext[i], sa->zlen[i], &zv, &nzv, &zcap))
            goto done;
        for (size_t k = 0; k < nzv; k++) {
            const enf__ztok *t = &zv[k];
            const uint64_t *g;
            uint32_t ng;
            size_t xo;
            if (S_glosses(sa, &x, sa->ztext[i], t, &g, &ng, &xo) < 0)
                goto done;
            if (ng) {
                for (uint32_t q = 0; q < ng; q++)
                    if (enf__sent_map_add(&zuni, g[q], 1))
                        goto done;
            } else if (t->one && enf__sent_map_add(&zuni, t->one, 1)) {
                goto done;
            }
            for (uint32_t q = 0; q < t->npy; q++)
                if (enf__sent_map_add(&zuni, t->py[q], 1))
                    goto done;
        }
    }

    /* 2. keep the tokens that can match something on the other side, once
     *    per sentence; document frequencies for idf */
    size_t nzt = 0, net = 0;
    for (size_t i = 0; i < n_zh; i++) {
        enf__sent_info *s = &sa->zs[i];
        size_t nzv = 0;
        if (enf__lex_tokens_zh(sa->lx, sa->ztext[i], sa->zlen[i], &zv, &nzv, &zcap))
            goto done;
        s->tok = nzt;
        s->ntok = 0;
        s->wtot = 0;
        for (size_t k = 0; k < nzv && s->ntok < ENF__SENT_MAXTOK; k++) {
            enf__sent_tok t = {0};
            const uint64_t *g;
            uint32_t ng;
            size_t xo = 0;
            int ext = S_glosses(sa, &x, sa->ztext[i], &zv[k], &g, &ng, &xo);
            if (ext < 0)
                goto done;
            t.gl = g;
            t.ngl = ng;
            t.one = zv[k].one;
            t.py = zv[k].py;
            t.npy = zv[k].npy;
            if (!S_zt_has_in(&t, &euni))
                continue;
            int dup = 0;
            for (size_t q = s->tok; q < nzt && !dup; q++)
                dup = zkey[q] == zv[k].key;
            if (dup)
                continue;
            if (enf__grow((void **)&sa->zt, &ztcap, nzt + 1, sizeof *sa->zt) ||
                enf__grow((void **)&zkey, &zkcap, nzt + 1, sizeof *zkey))
                goto done;
            if (ext) {
                /* a list in sa->xgl, which may still move: the pointer is
                 * set at the end */
                if (enf__grow((void **)&fix, &fixcap, 2 * nfix + 2, sizeof *fix))
                    goto done;
                fix[2 * nfix] = nzt;
                fix[2 * nfix + 1] = xo;
                nfix++;
            }
            if (!t.ngl)
                t.gl = NULL;
            zkey[nzt] = zv[k].key;
            sa->zt[nzt++] = t;
            s->ntok++;
            if (enf__sent_map_add(&zdf, zv[k].key, 1))
                goto done;
        }
    }
    for (size_t k = 0; k < nfix; k++)
        sa->zt[fix[2 * k]].gl = sa->xgl + fix[2 * k + 1];
    for (size_t i = 0; i < n_en; i++) {
        enf__sent_info *s = &sa->es[i];
        size_t nev = 0;
        if (enf__lex_tokens_en(sa->lx, sa->etext[i], sa->elen[i], &ev, &nev, &ecap))
            goto done;
        s->tok = net;
        s->ntok = 0;
        s->wtot = 0;
        for (size_t k = 0; k < nev && s->ntok < ENF__SENT_MAXTOK; k++) {
            uint64_t h = ev[k].h;
            if (!enf__sent_map_get(&zuni, h))
                continue;
            int dup = 0;
            for (size_t q = s->tok; q < net && !dup; q++)
                dup = sa->et[q] == h;
            if (dup)
                continue;
            if (enf__grow((void **)&sa->et, &etcap, net + 1, sizeof *sa->et))
                goto done;
            sa->et[net++] = h;
            s->ntok++;
            if (enf__sent_map_add(&edf, h, 1))
                goto done;
        }
    }
    free(zv);
    free(ev);
    zv = NULL;
    ev = NULL;
    if (!sa->zt && !(sa->zt = malloc(sizeof *sa->zt)))
        goto done;
    if (!sa->et && !(sa->et = malloc(sizeof *sa->et)))
        goto done;

    /* 3. idf weights */
    sa->zw = malloc((nzt + 1) * sizeof *sa->zw);
    sa->ew = malloc((net + 1) * sizeof *sa->ew);
    if (!sa->zw || !sa->ew)
        goto done;
    {
        enf__sent_tok *zt = realloc(sa->zt, (nzt + 1) * sizeof *zt);
        uint64_t *et = realloc(sa->et, (net + 1) * sizeof *et);
        if (zt)
            sa->zt = zt;
        if (et)
            sa->et = et;
    }
    for (size_t i = 0; i < n_en; i++) {
        enf__sent_info *s = &sa->es[i];
        for (size_t k = s->tok; k < s->tok + s->ntok; k++) {
            sa->ew[k] =
                (float)log(1.0 + (double)n_en / (double)enf__sent_map_get(&edf, sa->et[k]));
            s->wtot += sa->ew[k];
        }
    }
    for (size_t i = 0; i < n_zh; i++) {
        enf__sent_info *s = &sa->zs[i];
        for (size_t k = s->tok; k < s->tok + s->ntok; k++) {
            sa->zw[k] =
                (float)log(1.0 + (double)n_zh / (double)enf__sent_map_get(&zdf, zkey[k]));
            s->wtot += sa->zw[k];
        }
    }
    for (size_t i = 0; i < n_en; i++)
        sa->es[i + 1].cum_ev = sa->es[i].cum_ev + (sa->es[i].wtot > 0);
    for (size_t i = 0; i < n_zh; i++)
        sa->zs[i + 1].cum_ev = sa->zs[i].cum_ev + (sa->zs[i].wtot > 0);

    /* 4. what random beads of each shape score */
    for (int r = 0; r < ENF__SENT_ROWS; r++)
        sa->rows[r].s = -1;
    uint64_t rng = 0x2545F4914F6CDD1Dull ^ (n_zh * 31 + n_en);
    for (int sh = 0; sh < ENF__SENT_NSHAPES; sh++) {
        int a = enf__sent_shape[sh][0], b = enf__sent_shape[sh][1];
        sa->chance[sh] = 0;
        if (!a || !b || n_zh < (size_t)a || n_en < (size_t)b)
            continue;
        /* the samples are scored in order of their Chinese sentence, so
         * that neighbours share the rows' gloss maps (one build per
         * sentence, not per sample), and summed in the order drawn */
        S_sample smp[S_CHANCE_SAMPLES];
        for (int k = 0; k < S_CHANCE_SAMPLES; k++) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            smp[k].s0 = (size_t)(rng % (n_zh - (size_t)a + 1));
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            smp[k].t0 = (size_t)(rng % (n_en - (size_t)b + 1));
            smp[k].k = k;
        }
        if (n_zh - (size_t)a + 1 > ENF__SENT_ROWS)   /* else every row stays cached */
            qsort(smp, S_CHANCE_SAMPLES, sizeof *smp, S_cmp_sample);
        double val[S_CHANCE_SAMPLES];
        int def[S_CHANCE_SAMPLES];
        for (int k = 0; k < S_CHANCE_SAMPLES; k++)
            val[smp[k].k] = enf__sent_sim(sa, smp[k].s0, a, smp[k].t0, b, &def[smp[k].k], NULL);
        double sum = 0;
        int cnt = 0;
        for (int k = 0; k < S_CHANCE_SAMPLES; k++)
            if (def[k]) {
                sum += val[k];
                cnt++;
            }
        sa->chance[sh] = cnt ? sum / cnt : 0;
    }
    for (int r = 0; r < ENF__SENT_ROWS; r++)
        sa->rows[r].s = -1;
    rc = 0;
done:
    enf__sent_map_free(&x.idx);
    free(x.off);
    free(x.n);
    free(fix);
    free(zkey);
    free(zv);
    free(ev);
    enf__sent_map_free(&zuni);
    enf__sent_map_free(&euni);
    enf__sent_map_free(&zdf);
    enf__sent_map_free(&edf);
    return rc;
}

/* ---------------------------------------------------------------- scoring */

static int S_gmap_build(const enf_sent_aligner *sa, size_t s, enf__sent_gmap *g)
{
    const enf__sent_info *z = &sa->zs[s];
    size_t n = 0;
    for (size_t k = 0; k < z->ntok; k++) {
        const enf__sent_tok *t = &sa->zt[z->tok + k];
        n += (t->ngl ? t->ngl : 1) + t->npy;
    }
    size_t slots = S_pow2(n);
    if (slots > g->cap) {
        free(g->k);
        free(g->m);
        free(g->st);
        g->k = malloc(slots * sizeof *g->k);
        g->m = malloc(slots * sizeof *g->m);
        g->st = calloc(slots, sizeof *g->st);
        g->gen = 0;
        g->cap = slots;
        if (!g->k || !g->m || !g->st) {
            free(g->k);
            free(g->m);
            free(g->st);
            g->k = NULL;
            g->m = NULL;
            g->st = NULL;
            g->slots = g->cap = 0;
            return -1;
        }
    }
    g->slots = slots;
    if (++g->gen == 0) {
        memset(g->st, 0, g->cap * sizeof *g->st);
        g->gen = 1;
    }
    for (size_t k = 0; k < z->ntok; k++) {
        const enf__sent_tok *t = &sa->zt[z->tok + k];
        uint32_t ng = t->ngl ? t->ngl : 1;
        for (uint32_t q = 0; q < ng + t->npy; q++) {
            uint64_t h = q < ng ? (t->ngl ? t->gl[q] : t->one) : t->py[q - ng];
            if (!h)
                continue;   /* no hash (an empty slot once meant 0) */
            size_t i = enf__sent_slot(h, slots);
            while (g->st[i] == g->gen && g->k[i] != h)
                i = (i + 1) & (slots - 1);
            if (g->st[i] != g->gen) {
                g->st[i] = g->gen;
                g->k[i] = h;
                g->m[i][0] = g->m[i][1] = 0;
            }
            g->m[i][k >> 6] |= 1ull << (k & 63);
        }
    }
    return 0;
}

static double S_bits_weight(const uint64_t m[2], const float *w)
{
    double sum = 0;
    for (int q = 0; q < 2; q++) {
        uint64_t x = m[q];
        while (x) {
            int b = __builtin_ctzll(x);
            sum += w[q * 64 + b];
            x &= x - 1;
        }
    }
    return sum;
}

/* The tokens of zh sentence s (whose gloss map is g) and en sentence t that
 * match each other, and their weights. */
static void S_pair(const enf_sent_aligner *sa, size_t s, const enf__sent_gmap *g, size_t t,
                   enf__sent_mask *m)
{
    memset(m, 0, sizeof *m);
    const enf__sent_info *e = &sa->es[t];
    if (!g->slots)
        return;
    for (size_t k = 0; k < e->ntok; k++) {
        uint64_t h = sa->et[e->tok + k];
        for (size_t i = enf__sent_slot(h, g->slots); g->st[i] == g->gen; i = (i + 1) & (g->slots - 1))
            if (g->k[i] == h) {
                m->z[0] |= g->m[i][0];
                m->z[1] |= g->m[i][1];
                m->e[k >> 6] |= 1ull << (k & 63);
                break;
            }
    }
    m->cz = S_bits_weight(m->z, sa->zw + sa->zs[s].tok);
    m->ce = S_bits_weight(m->e, sa->ew + e->tok);
}

static const enf__sent_mask *S_get(enf_sent_aligner *sa, size_t s, size_t t,
                                   enf__sent_mask *tmp)
{
    enf__sent_row *r = &sa->rows[s % ENF__SENT_ROWS];
    if (r->s != (long)s) {
        r->s = (long)s;
        r->lo = (long)t - 8;
        memset(r->ok, 0, (size_t)sa->width);
        if (S_gmap_build(sa, s, &r->g))
            r->g.slots = 0;   /* out of memory: no lexical evidence */
    }
    long c = (long)t - r->lo;
    if (c < 0 || c >= sa->width) {
        S_pair(sa, s, &r->g, t, tmp);
        return tmp;
    }
    if (!r->ok[c]) {
        S_pair(sa, s, &r->g, t, &r->m[c]);
        r->ok[c] = 1;
    }
    return &r->m[c];
}

/* Lexical similarity of zh[s0, s0+a) with en[t0, t0+b): the mean of the
 * pooled (Dice-like) coverage and the average coverage of each member. */
double enf__sent_sim(enf_sent_aligner *sa, size_t s0, int a, size_t t0, int b, int *defined,
                     int *members_out)
{
    const enf__sent_mask *mk[ENF__SENT_MAXSIDE][ENF__SENT_MAXSIDE];
    enf__sent_mask tmp[ENF__SENT_MAXSIDE][ENF__SENT_MAXSIDE];
    for (int i = 0; i < a; i++)
        for (int j = 0; j < b; j++)
            mk[i][j] = S_get(sa, s0 + (size_t)i, t0 + (size_t)j, &tmp[i][j]);
    double cov = 0, tot = 0, msum = 0;
    int members = 0;
    for (int i = 0; i < a; i++) {
        const enf__sent_info *z = &sa->zs[s0 + (size_t)i];
        if (z->wtot <= 0)
            continue;
        double c = mk[i][0]->cz;
        if (b > 1) {
            uint64_t m[2] = {0, 0};
            for (int j = 0; j < b; j++) {
                m[0] |= mk[i][j]->z[0];
                m[1] |= mk[i][j]->z[1];
            }
            c = S_bits_weight(m, sa->zw + z->tok);
        }
        cov += c;
        tot += z->wtot;
        msum += c / z->wtot;
        members++;
    }
    for (int j = 0; j < b; j++) {
        const enf__sent_info *e = &sa->es[t0 + (size_t)j];
        if (e->wtot <= 0)
            continue;
        double c = mk[0][j]->ce;
        if (a > 1) {
            uint64_t m[2] = {0, 0};
            for (int i = 0; i < a; i++) {
                m[0] |= mk[i][j]->e[0];
                m[1] |= mk[i][j]->e[1];
            }
            c = S_bits_weight(m, sa->ew + e->tok);
        }
        cov += c;
        tot += e->wtot;
        msum += c / e->wtot;
        members++;
    }
    *defined = members > 0 && tot > 0;
    if (members_out)
        *members_out = members;
    if (!*defined)
        return 0;
    return sa->o.pooled * (cov / tot) + (1 - sa->o.pooled) * (msum / members);
}

/* How far a bead's similarity stands above chance (the mean over random
 * beads of its shape), on a scale where a perfect match is 1. */
double enf__sent_chance_norm(const enf_sent_aligner *sa, int sh, double sim)
{
    double ch = sa->chance[sh];
    return (sim - ch) / (1 - ch > 0.05 ? 1 - ch : 0.05);
}

int enf_sent_aligner_similarity(enf_sent_aligner *sa, size_t en0, int n_en, size_t zh0, int n_zh,
                                double *sim)
{
    *sim = 0;
    int sh = -1;
    for (int k = 0; k < ENF__SENT_NSHAPES; k++)
        if (enf__sent_shape[k][0] == n_zh && enf__sent_shape[k][1] == n_en)
            sh = k;
    if (sh < 0 || en0 + (size_t)n_en > sa->ne || zh0 + (size_t)n_zh > sa->nz)
        return 0;
    int def, members;
    double s = enf__sent_sim(sa, zh0, n_zh, en0, n_en, &def, &members);
    if (!def)
        return 0;
    *sim = enf__sent_chance_norm(sa, sh, s);
    return 1;
}
